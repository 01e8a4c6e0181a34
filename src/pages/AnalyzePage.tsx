import { useRef, type CSSProperties } from 'react';
import { EditorPane } from '../components/editor/EditorPane';
import { Splitter } from '../components/layout/Splitter';
import { ResultsPanel } from '../components/results/ResultsPanel';
import { useAppStore } from '../store/context';
import { selectHasText, selectSourceName, selectSplitPercent } from '../store/selectors';

/** The workspace: the pasted output on the left, the analysis on the right. */
export default function AnalyzePage() {
  const containerRef = useRef<HTMLElement>(null);
  const split = useAppStore(selectSplitPercent);
  const sourceName = useAppStore(selectSourceName);
  const hasText = useAppStore(selectHasText);
  return (
    <main id="main" tabIndex={-1} className="workspace" ref={containerRef} style={{ '--split': `${split}%` } as CSSProperties}>
      <title>dumplens — analyze Windows debugger output</title>
      <h1 className="visually-hidden">Analyze debugger output</h1>
      <section className="pane pane-editor" aria-label="Input">
        <div className="pane-bar">
          <h2 className="pane-title">Input</h2>
          <span className="source-name" title={sourceName ?? undefined}>
            {sourceName ?? (hasText ? 'Pasted text' : 'Empty')}
          </span>
          <span className="pane-hint">Paste, open or drop a .dmp, .txt or .log file</span>
        </div>
        <div className="editor-frame">
          <EditorPane />
        </div>
      </section>
      <Splitter containerRef={containerRef} />
      <section className="pane pane-results" aria-label="Results">
        <ResultsPanel />
      </section>
    </main>
  );
}
