import { Link } from 'react-router';
import { FindingsSection } from '../components/verdict/FindingsSection';
import { NextStepsSection } from '../components/verdict/NextStepsSection';
import { VerdictSection } from '../components/verdict/VerdictSection';
import { StacksPanel } from '../components/stacks/StacksPanel';
import { EditorAvailable } from '../components/verdict/editor-available';
import { closeSharedReport } from '../components/share/open-shared';
import { useAppStore, useAppStoreApi } from '../store/context';
import { describeSummary } from '../worker/summarize';

/** A shared "analysis only" report: read-only, without the sender's text. */
export default function SharedPage() {
  const shared = useAppStore((s) => s.sharedReport);
  const store = useAppStoreApi();
  if (!shared) {
    return (
      <main id="main" tabIndex={-1} className="page prose">
        <title>Shared analysis — dumplens</title>
        <h1>No shared analysis open</h1>
        <p>Open a dumplens share link, or a <code>.dumplens</code> share file with Open file, to see an analysis someone shared.</p>
        <p>
          <Link to="/" className="button button-primary">
            Go to the workspace
          </Link>
        </p>
      </main>
    );
  }
  const { report } = shared;
  return (
    <main id="main" tabIndex={-1} className="shared-page">
      <title>{`${shared.title ?? 'Shared analysis'} — dumplens`}</title>
      <div className="shared-banner">
        <div>
          <h1 className="shared-title">Shared analysis{shared.title ? `: ${shared.title}` : ''}</h1>
          <p className="shared-claim" role="note">
            <strong>This report was produced on the sender’s computer and was not re-checked here:</strong> without the debugger text, dumplens cannot
            run the analysis again. The headline, the bug check’s description and the module origins below were rebuilt from the report’s data; the
            evidence, findings and next steps are as the sender’s copy wrote them.
          </p>
          <p className="muted small">
            The sender shared the report only, without their debugger text, so line references cannot be shown.
            {shared.redacted ? ' Personal identifiers were replaced with placeholders such as <USER1> before analysis.' : ''}
          </p>
          {shared.summary ? <p className="muted small shared-shortened">{describeSummary(shared.summary, 'shared')}</p> : null}
        </div>
        <Link to="/" className="button" onClick={() => closeSharedReport(store)}>
          Close and go to your workspace
        </Link>
      </div>
      {/* No editor here: line references render as plain text. */}
      <EditorAvailable value={false}>
        <div className="results-body shared-report">
          {report.inputProblem ? (
            <div className="card notice notice-warning" role="alert">
              <h2 className="section-title">The shared input could not be analyzed</h2>
              <p>{report.inputProblem}</p>
            </div>
          ) : (
            <>
              <VerdictSection report={report} />
              <FindingsSection report={report} />
              <NextStepsSection steps={report.nextSteps} />
              <StacksPanel report={report} />
            </>
          )}
        </div>
      </EditorAvailable>
    </main>
  );
}
