/**
 * Monaco providers for the WinDbg language: hovers (bug check codes, NTSTATUS,
 * modules, pool tags, and why a line is marked as evidence) and folding per
 * command. The knowledge tables load on the first hover.
 */
import type * as Monaco from 'monaco-editor/editor/editor.api';
import { commandFoldingRanges } from './folding';
import { describeEvidenceLine, describeWordAt, type Knowledge } from './hover-content';
import { editorReport, onEditorReportChange } from './report-bridge';
import { WINDBG_LANGUAGE_ID } from './windbg-language';

let knowledge: Promise<Knowledge> | null = null;

function loadKnowledge(): Promise<Knowledge> {
  knowledge ??= import('./hover-knowledge');
  return knowledge;
}

/** Register the hover and folding providers once; returns what disposes them. */
export function registerWindbgProviders(monaco: typeof Monaco): Monaco.IDisposable[] {
  const hover = monaco.languages.registerHoverProvider(WINDBG_LANGUAGE_ID, {
    async provideHover(model, position) {
      const line = model.getLineContent(position.lineNumber);
      if (line.length > 2000) {
        return null;
      }
      const k = await loadKnowledge();
      if (model.isDisposed()) {
        return null;
      }
      const word = describeWordAt(line, position.column - 1, k);
      const evidence = describeEvidenceLine(editorReport(), position.lineNumber);
      if (!word && evidence.length === 0) {
        return null;
      }
      const contents: Monaco.IMarkdownString[] = [];
      if (word) {
        contents.push(...word.contents.map((value) => ({ value })));
      }
      if (evidence.length > 0) {
        contents.push({ value: `**Cited by the analysis**  \n${evidence.map((e) => `• ${e}`).join('  \n')}` });
      }
      const range = word
        ? new monaco.Range(position.lineNumber, word.start + 1, position.lineNumber, word.end + 1)
        : new monaco.Range(position.lineNumber, 1, position.lineNumber, line.length + 1);
      return { range, contents };
    },
  });

  const changed = new monaco.Emitter<Monaco.languages.FoldingRangeProvider>();
  const folding: Monaco.languages.FoldingRangeProvider = {
    onDidChange: changed.event,
    provideFoldingRanges(model) {
      const report = editorReport();
      if (!report) {
        return [];
      }
      return commandFoldingRanges(report.commands, model.getLineCount()).map((r) => ({
        start: r.start,
        end: r.end,
        kind: monaco.languages.FoldingRangeKind.Region,
      }));
    },
  };
  const foldingReg = monaco.languages.registerFoldingRangeProvider(WINDBG_LANGUAGE_ID, folding);
  const unsubscribe = onEditorReportChange(() => changed.fire(folding));
  return [hover, foldingReg, { dispose: unsubscribe }, changed];
}
