/**
 * The Monaco editor bound to the store: text in and out, reveal requests
 * (center the line, mark it until the next request, focus the editor), and
 * gutter marks on every line the report cites as evidence.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { AnalysisReport } from '../../analyzers/types';
import { DARK_THEME, LIGHT_THEME } from '../../editor/themes';
import { monaco } from '../../editor/setup-monaco';
import { WINDBG_LANGUAGE_ID } from '../../editor/windbg-language';
import type { RevealRequest } from '../../store/app-store';
import { useAppStoreApi } from '../../store/context';
import { adaptiveSize, nextTask, sliceEnd } from '../../lib/slices';
import { evidenceLines } from '../../store/selectors';
import { useResolvedTheme } from '../layout/use-theme';
import { editorHandoff, type EditorProps } from './editor-context';

/** Above this many characters, read the model text only after typing pauses. */
const LARGE_TEXT = 1_000_000;
/**
 * Above this many characters the editor shows plain text, without syntax
 * colours, Unicode highlights, folding or hovers: on a log of many megabytes
 * they cost seconds of main-thread time (and the highlights copy the whole
 * text to a worker).
 */
const PLAIN_TEXT_ABOVE = 2_000_000;
/**
 * Above this many characters a new text enters the editor in slices, one per
 * task, instead of in one `setValue`: building the model and its view of a
 * 10 MB log at once blocks the page for half a second, 60 MB for seconds.
 * The editor is read-only until the last slice is in.
 */
const SLICED_ABOVE = 256_000;
/** Time one slice should take (the slice size adapts to it: many short lines cost more per character). */
const SLICE_MS = 12;
const UNICODE_HIGHLIGHT_ON = { ambiguousCharacters: true, invisibleCharacters: true, nonBasicASCII: 'inUntrustedWorkspace' } as const;
const UNICODE_HIGHLIGHT_OFF = { ambiguousCharacters: false, invisibleCharacters: false, nonBasicASCII: false } as const;

function revealDecoration(line: number): monaco.editor.IModelDeltaDecoration {
  return {
    range: new monaco.Range(line, 1, line, 1),
    options: {
      isWholeLine: true,
      className: 'dl-reveal-line',
      linesDecorationsClassName: 'dl-reveal-gutter',
      stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
      overviewRuler: { color: '#3b82f6', position: monaco.editor.OverviewRulerLane.Full },
    },
  };
}

const EVIDENCE_RULER: Record<string, string> = {
  bugcheck: '#dc2626',
  suspect: '#ea580c',
  critical: '#dc2626',
  warning: '#d97706',
  info: '#64748b',
};

function evidenceDecorations(report: AnalysisReport | null): monaco.editor.IModelDeltaDecoration[] {
  if (!report) {
    return [];
  }
  return evidenceLines(report).map(({ line, kind }) => ({
    range: new monaco.Range(line, 1, line, 1),
    options: {
      isWholeLine: true,
      linesDecorationsClassName: `dl-evidence dl-evidence-${kind}`,
      overviewRuler: { color: EVIDENCE_RULER[kind] ?? '#64748b', position: monaco.editor.OverviewRulerLane.Left },
    },
  }));
}

export default function MonacoEditor({ label }: EditorProps) {
  const store = useAppStoreApi();
  const hostRef = useRef<HTMLDivElement>(null);
  const theme = useResolvedTheme();
  const themeName = theme === 'dark' ? DARK_THEME : LIGHT_THEME;
  const initialTheme = useRef(themeName);
  /** Share of a big text already in the editor while it loads in slices (0–100); null otherwise. */
  const [loadPercent, setLoadPercent] = useState<number | null>(null);

  // A layout effect: created in the same task as the commit that removed the placeholder
  // textarea, so that no keystroke falls between the two editors.
  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) {
      return;
    }
    const initialText = store.getState().text;
    const editor = monaco.editor.create(host, {
      // A big text enters in slices (showText below), never in one piece.
      value: initialText.length > SLICED_ABOVE ? '' : initialText,
      language: initialText.length > PLAIN_TEXT_ABOVE ? 'plaintext' : WINDBG_LANGUAGE_ID,
      theme: initialTheme.current,
      ariaLabel: label,
      automaticLayout: true,
      fontFamily: 'ui-monospace, "Cascadia Mono", "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace',
      fontSize: 13,
      lineHeight: 20,
      lineNumbersMinChars: 4,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      wordWrap: 'off',
      renderLineHighlight: 'line',
      occurrencesHighlight: 'singleFile',
      stickyScroll: { enabled: false },
      dragAndDrop: false,
      dropIntoEditor: { enabled: false },
      tabFocusMode: true,
      placeholder: 'Paste debugger output here (for example the output of !analyze -v)…',
      padding: { top: 8, bottom: 8 },
      scrollbar: { verticalScrollbarSize: 12, horizontalScrollbarSize: 12 },
      fixedOverflowWidgets: true,
      // Large inputs (a `!process 0 7` of many megabytes, megabyte-long lines):
      // nothing that walks the whole text on the main thread.
      largeFileOptimizations: true,
      maxTokenizationLineLength: 2000,
      stopRenderingLineAfter: 5000,
      foldingMaximumRegions: 2000,
      wordBasedSuggestions: 'off',
      quickSuggestions: false,
      suggestOnTriggerCharacters: false,
      parameterHints: { enabled: false },
      links: false,
      colorDecorators: false,
      codeLens: false,
      matchBrackets: 'never',
      readOnlyMessage: { value: 'The text is still loading into the editor.' },
    });
    const first = editor.getModel();
    if (!first) {
      editor.dispose();
      return;
    }
    let model: monaco.editor.ITextModel = first;
    let disposed = false;
    let plain = initialText.length > PLAIN_TEXT_ABOVE;
    /** Editor options for a text of `length` characters: plain text above PLAIN_TEXT_ABOVE. */
    const editorOptionsFor = (large: boolean): monaco.editor.IEditorOptions => ({
      unicodeHighlight: large ? UNICODE_HIGHLIGHT_OFF : UNICODE_HIGHLIGHT_ON,
      occurrencesHighlight: large ? 'off' : 'singleFile',
      // Folding of a plain-text model would fall back to indentation ranges over every line.
      folding: !large,
      // Bracket-pair colours and guides keep a bracket tree that follows every edit (a text
      // entering in slices is thousands of edits) and is re-read at every render.
      bracketPairColorization: { enabled: !large },
      guides: { bracketPairs: false, indentation: !large, highlightActiveIndentation: !large },
    });
    editor.updateOptions(editorOptionsFor(plain));
    /** A text typed or pasted in the editor grew past PLAIN_TEXT_ABOVE (or shrank below it). */
    const fitToSize = (length: number) => {
      const large = length > PLAIN_TEXT_ABOVE;
      if (large !== plain) {
        plain = large;
        monaco.editor.setModelLanguage(model, large ? 'plaintext' : WINDBG_LANGUAGE_ID);
        editor.updateOptions(editorOptionsFor(large));
      }
    };
    const reveal = editor.createDecorationsCollection();
    const evidence = editor.createDecorationsCollection();

    let applyingExternal = false;
    /** Bumped by every new text: a text still loading in slices stops when a newer one arrives. */
    let generation = 0;
    /** A text is entering in slices: decorations and reveals wait for its last slice. */
    let loading = false;
    let pendingReveal: RevealRequest | null | undefined;

    const setExternal = (apply: () => void) => {
      applyingExternal = true;
      try {
        apply();
      } finally {
        applyingExternal = false;
      }
    };

    let pushTimer: ReturnType<typeof setTimeout> | null = null;
    // An edit since the last push replaced the whole text (select all, then paste or type).
    let replacedAll = false;
    const push = () => {
      pushTimer = null;
      const whole = replacedAll;
      replacedAll = false;
      store.getState().setText(model.getValue(), whole);
    };
    const onContent = (e: monaco.editor.IModelContentChangedEvent) => {
      if (applyingExternal) {
        return;
      }
      const [change] = e.changes;
      if (e.changes.length === 1 && change !== undefined && change.rangeOffset === 0 && change.rangeLength > 0 && change.text.length === model.getValueLength()) {
        replacedAll = true;
      }
      if (pushTimer !== null) {
        clearTimeout(pushTimer);
        pushTimer = null;
      }
      fitToSize(model.getValueLength());
      if (model.getValueLength() > LARGE_TEXT) {
        pushTimer = setTimeout(push, 250);
      } else {
        push();
      }
    };
    let contentSub: monaco.IDisposable | null = null;
    /** Show `next` in the editor instead of the current model, which is dropped. */
    const switchModel = (next: monaco.editor.ITextModel) => {
      const old = model;
      contentSub?.dispose();
      editor.setModel(next);
      model = next;
      contentSub = next.onDidChangeContent(onContent);
      old.dispose();
    };
    contentSub = model.onDidChangeContent(onContent);

    const applyReveal = (request: RevealRequest | null) => {
      if (!request) {
        reveal.clear();
        delete host.dataset.revealedLine;
        return;
      }
      const line = Math.max(1, Math.min(request.line, model.getLineCount()));
      editor.revealLineInCenter(line, monaco.editor.ScrollType.Immediate);
      editor.setPosition({ lineNumber: line, column: 1 });
      reveal.set([revealDecoration(line)]);
      host.dataset.revealedLine = String(line);
      // Stacked layout: bring the editor itself into view, then focus it.
      host.scrollIntoView({ block: 'nearest' });
      editor.focus();
    };

    /** The text is whole in the editor: evidence marks and any reveal asked for meanwhile. */
    const loaded = () => {
      loading = false;
      editor.updateOptions({ readOnly: false });
      delete host.dataset.loading;
      setLoadPercent(null);
      evidence.set(evidenceDecorations(store.getState().report));
      if (pendingReveal !== undefined) {
        applyReveal(pendingReveal);
        pendingReveal = undefined;
      }
    };

    /**
     * Put `text` in the editor. A small text goes in at once (null is returned);
     * a big one goes in slices of about SLICE_MS each, one per task, behind a
     * read-only editor (the promise resolves true once the last slice is in, false
     * if a newer text or the editor's end stopped it).
     */
    const showText = (text: string): Promise<boolean> | null => {
      const mine = ++generation;
      const large = text.length > PLAIN_TEXT_ABOVE;
      const sliced = text.length > SLICED_ABOVE;
      const size = adaptiveSize({ initial: 64_000, min: 8_000, max: 4_000_000, targetMs: SLICE_MS });
      let from = sliced ? sliceEnd(text, 0, size.size) : text.length;
      // A fresh model for every new text: nothing of the previous one (undo stack, a bracket
      // tree built while it was small) carries over. A large one is plain text from its first
      // line, so it is never tokenized, and has no bracket-pair colours (their tree follows
      // every edit, and a text entering in slices is thousands of edits).
      const next = monaco.editor.createModel(text.slice(0, from), large ? 'plaintext' : WINDBG_LANGUAGE_ID);
      plain = large;
      editor.updateOptions(editorOptionsFor(large));
      setExternal(() => switchModel(next));
      if (large) {
        next.updateOptions({ bracketColorizationOptions: { enabled: false, independentColorPoolPerBracketType: false } });
      }
      if (!sliced) {
        loaded();
        return null;
      }
      loading = true;
      host.dataset.loading = 'true';
      editor.updateOptions({ readOnly: true });
      setLoadPercent(Math.floor((100 * from) / text.length));
      return (async () => {
        while (from < text.length) {
          await nextTask();
          if (disposed || mine !== generation) {
            return false;
          }
          const end = sliceEnd(text, from, size.size);
          const piece = text.slice(from, end);
          const t0 = performance.now();
          const lastLine = next.getLineCount();
          const lastColumn = next.getLineMaxColumn(lastLine);
          setExternal(() => next.applyEdits([{ range: new monaco.Range(lastLine, lastColumn, lastLine, lastColumn), text: piece }]));
          size.next(performance.now() - t0);
          from = end;
          setLoadPercent(Math.floor((100 * from) / text.length));
        }
        loaded();
        return true;
      })();
    };

    const handOver = () => {
      if (editorHandoff.focused) {
        editorHandoff.focused = false;
        editor.setPosition(model.getPositionAt(editorHandoff.offset));
        editor.focus();
      }
    };
    const initialLoad = initialText.length > SLICED_ABOVE ? showText(initialText) : null;
    if (initialLoad === null) {
      loaded();
      handOver();
    } else {
      void initialLoad.then((done) => done && handOver());
    }


    // The tab is being hidden or closed: the store (and so the last-chance save of the draft)
    // must have the last edit now, not after the pause a big text waits for.
    const pushNow = () => {
      if (pushTimer !== null) {
        clearTimeout(pushTimer);
        push();
      }
    };
    const onHidden = () => {
      if (document.visibilityState === 'hidden') {
        pushNow();
      }
    };
    // Capture on window: runs before the draft's own pagehide and visibilitychange listeners.
    window.addEventListener('pagehide', pushNow, true);
    window.addEventListener('visibilitychange', onHidden, true);

    const unsubscribe = store.subscribe((state, prev) => {
      // Lengths first: getValue() copies the whole text, megabytes for a big log.
      if (state.textVersion !== prev.textVersion && (loading || state.text.length !== model.getValueLength() || state.text !== model.getValue())) {
        if (pushTimer !== null) {
          // An edit not yet pushed is replaced by the new text.
          clearTimeout(pushTimer);
          pushTimer = null;
        }
        editor.setScrollTop(0);
        void showText(state.text);
      }
      if (state.report !== prev.report && !loading) {
        evidence.set(evidenceDecorations(state.report));
      }
      if (state.reveal !== prev.reveal) {
        if (loading) {
          pendingReveal = state.reveal;
        } else {
          applyReveal(state.reveal);
        }
      }
    });

    return () => {
      disposed = true;
      unsubscribe();
      contentSub?.dispose();
      window.removeEventListener('pagehide', pushNow, true);
      window.removeEventListener('visibilitychange', onHidden, true);
      if (pushTimer !== null) {
        clearTimeout(pushTimer);
        push();
      }
      editor.dispose();
    };
  }, [store, label]);

  useEffect(() => {
    monaco.editor.setTheme(themeName);
  }, [themeName]);

  return (
    <>
      <div ref={hostRef} className="monaco-host" data-testid="monaco-editor" />
      {loadPercent !== null ? (
        <p className="editor-loading" role="status">
          Loading the text into the editor… {loadPercent} %
        </p>
      ) : null}
    </>
  );
}
