import { useAppStore } from '../../store/context';
import { selectError, selectHasText, selectReport, selectStatus } from '../../store/selectors';
import { FindingsSection } from '../verdict/FindingsSection';
import { NextStepsSection } from '../verdict/NextStepsSection';
import { VerdictSection } from '../verdict/VerdictSection';
import { StacksPanel } from '../stacks/StacksPanel';
import { EmptyState } from './EmptyState';
import { StatusLine } from './StatusLine';

/** The right-hand side: status, then the verdict, findings, next steps and stacks. */
export function ResultsPanel() {
  const report = useAppStore(selectReport);
  const status = useAppStore(selectStatus);
  const error = useAppStore(selectError);
  const hasText = useAppStore(selectHasText);

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
    body = (
      <>
        <VerdictSection report={report} />
        <FindingsSection report={report} />
        <NextStepsSection steps={report.nextSteps} />
        <StacksPanel report={report} />
      </>
    );
  }

  return (
    <div className={`results${status === 'running' && report ? ' is-stale' : ''}`}>
      <div className="results-bar">
        <h2 className="results-title">Analysis</h2>
        <StatusLine />
      </div>
      <div className="results-body">{body}</div>
    </div>
  );
}
