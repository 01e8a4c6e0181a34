/**
 * The Monaco editor bound to the store: text in and out, reveal requests
 * (center the line, mark it until the next request, focus the editor), and
 * gutter marks on every line the report cites as evidence.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { AnalysisReport } from '../../analyzers/types';
import { DARK_THEME, LIGHT_THEME } from '../../editor/themes';
import { monaco } from '../../editor/setup-monaco';
import { WINDBG_LANGUAGE_ID } from '../../editor/windbg-language';
import type { RevealRequest } from '../../store/app-store';
import { useAppStoreApi } from '../../store/context';
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

  // A layout effect: created in the same task as the commit that removed the placeholder
  // textarea, so that no keystroke falls between the two editors.
  useLayoutEffect(() => {
    const host = hostRef.current;
    if (!host) {
      return;
    }
    const editor = monaco.editor.create(host, {
      value: store.getState().text,
      language: WINDBG_LANGUAGE_ID,
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
    });
    const model = editor.getModel();
    if (!model) {
      editor.dispose();
      return;
    }
    if (editorHandoff.focused) {
      editorHandoff.focused = false;
      editor.setPosition(model.getPositionAt(editorHandoff.offset));
      editor.focus();
    }
    let plain: boolean | null = null;
    const fitToSize = () => {
      const large = model.getValueLength() > PLAIN_TEXT_ABOVE;
      if (large === plain) {
        return;
      }
      plain = large;
      monaco.editor.setModelLanguage(model, large ? 'plaintext' : WINDBG_LANGUAGE_ID);
      // Folding of a plain-text model would fall back to indentation ranges over every line.
      editor.updateOptions({ unicodeHighlight: large ? UNICODE_HIGHLIGHT_OFF : UNICODE_HIGHLIGHT_ON, occurrencesHighlight: large ? 'off' : 'singleFile', folding: !large });
    };
    fitToSize();
    const reveal = editor.createDecorationsCollection();
    const evidence = editor.createDecorationsCollection(evidenceDecorations(store.getState().report));

    let applyingExternal = false;
    let pushTimer: ReturnType<typeof setTimeout> | null = null;
    // An edit since the last push replaced the whole text (select all, then paste or type).
    let replacedAll = false;
    const push = () => {
      pushTimer = null;
      const whole = replacedAll;
      replacedAll = false;
      store.getState().setText(model.getValue(), whole);
    };
    const contentSub = model.onDidChangeContent((e) => {
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
      fitToSize();
      if (model.getValueLength() > LARGE_TEXT) {
        pushTimer = setTimeout(push, 250);
      } else {
        push();
      }
    });

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

    const unsubscribe = store.subscribe((state, prev) => {
      // Lengths first: getValue() copies the whole text, megabytes for a big log.
      if (state.textVersion !== prev.textVersion && (state.text.length !== model.getValueLength() || state.text !== model.getValue())) {
        applyingExternal = true;
        try {
          // Plain text first when the new text is large, so that it is never tokenized.
          if (state.text.length > PLAIN_TEXT_ABOVE && plain !== true) {
            plain = true;
            monaco.editor.setModelLanguage(model, 'plaintext');
            editor.updateOptions({ unicodeHighlight: UNICODE_HIGHLIGHT_OFF, occurrencesHighlight: 'off', folding: false });
          }
          model.setValue(state.text);
          fitToSize();
        } finally {
          applyingExternal = false;
        }
        editor.setScrollTop(0);
      }
      if (state.report !== prev.report) {
        evidence.set(evidenceDecorations(state.report));
      }
      if (state.reveal !== prev.reveal) {
        applyReveal(state.reveal);
      }
    });

    return () => {
      unsubscribe();
      contentSub.dispose();
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

  return <div ref={hostRef} className="monaco-host" data-testid="monaco-editor" />;
}
