/**
 * The Monaco editor bound to the store: text in and out, reveal requests
 * (center the line, mark it until the next request, focus the editor), and
 * gutter marks on every line the report cites as evidence.
 */
import { useEffect, useRef } from 'react';
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

  useEffect(() => {
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
    const reveal = editor.createDecorationsCollection();
    const evidence = editor.createDecorationsCollection(evidenceDecorations(store.getState().report));

    let applyingExternal = false;
    let pushTimer: ReturnType<typeof setTimeout> | null = null;
    const push = () => {
      pushTimer = null;
      store.getState().setText(model.getValue());
    };
    const contentSub = model.onDidChangeContent(() => {
      if (applyingExternal) {
        return;
      }
      if (pushTimer !== null) {
        clearTimeout(pushTimer);
        pushTimer = null;
      }
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
      if (state.textVersion !== prev.textVersion && state.text !== model.getValue()) {
        applyingExternal = true;
        try {
          model.setValue(state.text);
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
