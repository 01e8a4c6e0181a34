import type { AnalysisReport, BugcheckReport } from '../../analyzers/types';
import { CATEGORY_HINT, CATEGORY_LABEL, KIND_LABEL } from './labels';
import { LineButton } from './LineButton';
import { SuspectList } from './SuspectList';

function BugcheckBlock({ bugcheck }: { bugcheck: BugcheckReport }) {
  return (
    <div className="bugcheck">
      <div className="bugcheck-title">
        <span className="bugcheck-code">{bugcheck.code}</span>
        <span className="bugcheck-name">{bugcheck.name ?? 'Unnamed bug check'}</span>
        <LineButton line={bugcheck.line} />
      </div>
      {bugcheck.meaning ? <p className="bugcheck-meaning">{bugcheck.meaning}</p> : null}
      {bugcheck.decodedArgs.length > 0 || bugcheck.args.length > 0 ? (
        <table className="args-table">
          <caption className="visually-hidden">Bug check arguments</caption>
          <thead>
            <tr>
              <th scope="col">Argument</th>
              <th scope="col">Value</th>
              <th scope="col">Meaning</th>
            </tr>
          </thead>
          <tbody>
            {(bugcheck.decodedArgs.length > 0
              ? bugcheck.decodedArgs
              : bugcheck.args.map((value) => ({ value, label: '', decoded: undefined }))
            ).map((arg, i) => (
              <tr key={i}>
                <th scope="row">Arg{i + 1}</th>
                <td>
                  <code>{arg.value}</code>
                </td>
                <td>
                  {arg.label ? <span className="arg-label">{arg.label}</span> : null}
                  {arg.decoded ? <span className="arg-decoded">{arg.decoded}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

/** The verdict: headline, bug check, category and ranked suspects. */
export function VerdictSection({ report }: { report: AnalysisReport }) {
  return (
    <section aria-label="Verdict" className="card verdict">
      <div className="section-head">
        <h2 className="section-title">Verdict</h2>
        <div className="badges">
          <span className={`badge badge-category category-${report.category}`} title={CATEGORY_HINT[report.category]}>
            <span className="visually-hidden">Category: </span>
            {CATEGORY_LABEL[report.category]}
          </span>
          {report.kind !== 'unknown' ? <span className="badge badge-kind">{KIND_LABEL[report.kind]}</span> : null}
        </div>
      </div>
      <p className="headline">{report.headline}</p>
      {report.bugcheck ? (
        <BugcheckBlock bugcheck={report.bugcheck} />
      ) : (
        <p className="muted no-bugcheck">No bug check in this input (a live session, a user-mode dump or notes without a stop code).</p>
      )}
      <h3 className="subsection-title">Suspects</h3>
      {report.suspects.length > 0 ? (
        <SuspectList suspects={report.suspects} />
      ) : (
        <div className="no-blame" role="note">
          <p>
            <strong>No driver is blamed.</strong> The evidence in this input does not point at a specific module.
          </p>
          <p className="muted">Why: {report.headline}</p>
        </div>
      )}
    </section>
  );
}
