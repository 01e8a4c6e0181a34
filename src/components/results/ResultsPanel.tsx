import { memo, useDeferredValue, useEffect } from 'react';
import type { AnalysisReport } from '../../analyzers/types';
import { publishEditorReport } from '../../editor/report-bridge';
import { useAppStore } from '../../store/context';
import { selectError, selectHasText, selectReport, selectStatus } from '../../store/selectors';
import { DevicesSection } from '../devices/DevicesSection';
import { HardwareSection } from '../hardware/HardwareSection';
import { MemorySection } from '../memory/MemorySection';
import { ModulesSection } from '../modules/ModulesSection';
import { OutlineSection } from '../outline/OutlineSection';
import { StacksPanel } from '../stacks/StacksPanel';
import { ThreadsSection } from '../threads/ThreadsSection';
import { FindingsSection } from '../verdict/FindingsSection';
import { NextStepsSection } from '../verdict/NextStepsSection';
import { VerdictSection } from '../verdict/VerdictSection';
import { EmptyState } from './EmptyState';
import { SectionNav } from './SectionNav';
import { resultSections } from './sections';
import { StatusLine } from './StatusLine';
import './workspace.css';

/**
 * Everything below the verdict. Rendered from a deferred copy of the report:
 * React shows the verdict first and builds these (thousands of rows for a big
 * dump) in an interruptible background render, so the page never freezes.
 */
const Details = memo(function Details({ report }: { report: AnalysisReport }) {
  return (
    <>
      <StacksPanel report={report} />
      <ThreadsSection report={report} />
      <MemorySection report={report} />
      <ModulesSection report={report} />
      <DevicesSection report={report} />
      <HardwareSection report={report} />
      <OutlineSection report={report} />
    </>
  );
});

function Sections({ report }: { report: AnalysisReport }) {
  // Null at first (the initial value): on the first report too, the page shows the
  // verdict at once and the details follow in a time-sliced render (no long task at start-up).
  const details = useDeferredValue<AnalysisReport | null>(report, null);
  return (
    <>
      <VerdictSection report={report} />
      <FindingsSection report={report} />
      <NextStepsSection steps={report.nextSteps} />
      <div className={`details${details !== report ? ' is-stale' : ''}`} aria-busy={details !== report}>
        {details ? <Details report={details} /> : null}
      </div>
    </>
  );
}

/** The right-hand side: status and section nav, then every section the report has data for. */
export function ResultsPanel() {
  const report = useAppStore(selectReport);
  const status = useAppStore(selectStatus);
  const error = useAppStore(selectError);
  const hasText = useAppStore(selectHasText);
  const shown = hasText && report && !report.inputProblem ? report : null;

  // The editor folds per command and explains evidence lines from the same report.
  useEffect(() => {
    publishEditorReport(shown);
  }, [shown]);

  let body;
  if (!hasText) {
    body = <EmptyState />;
  } else if (status === 'error') {
    body = (
      <div className="card notice notice-error" role="alert">
        <h2 className="section-title">The analysis failed</h2>
        <p>{error ?? 'Unknown error.'}</p>
        <p className="muted">Your text is still in the editor. This is a bug in dumplens; please report it with the input that caused it.</p>
      </div>
    );
  } else if (!report) {
    body = (
      <div className="card placeholder-card" aria-hidden="true">
        <div className="skeleton skeleton-title" />
        <div className="skeleton" />
        <div className="skeleton skeleton-short" />
      </div>
    );
  } else if (report.inputProblem) {
    body = (
      <div className="card notice notice-warning" role="alert">
        <h2 className="section-title">This input cannot be analyzed</h2>
        <p>{report.inputProblem}</p>
        <p className="muted">The text stays in the editor, untouched.</p>
      </div>
    );
  } else {
    body = <Sections report={report} />;
  }

  return (
    <div className={`results${status === 'running' && report ? ' is-stale' : ''}`}>
      <div className="results-head">
        <div className="results-bar">
          <h2 className="results-title">Analysis</h2>
          <StatusLine />
        </div>
        {shown && status !== 'error' ? <SectionNav sections={resultSections(shown)} /> : null}
      </div>
      <div className="results-body">{body}</div>
    </div>
  );
}
