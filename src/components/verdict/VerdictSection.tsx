import { Link } from 'react-router';
import type { AnalysisReport, BugcheckReport } from '../../analyzers/types';
import { Section } from '../results/Section';
import { CATEGORY_HINT, CATEGORY_LABEL, KIND_LABEL } from './labels';
import { LineButton } from './LineButton';
import { SuspectList } from './SuspectList';

/** Path of the offline reference page of a stop code (`0x0000009F` → `/bugcheck/0x0000009F`). */
export function bugcheckPath(code: string): string {
  return `/bugcheck/${encodeURIComponent(code)}`;
}

function BugcheckBlock({ bugcheck }: { bugcheck: BugcheckReport }) {
  const args =
    bugcheck.decodedArgs.length > 0 ? bugcheck.decodedArgs : bugcheck.args.map((value) => ({ value, label: '', decoded: undefined }));
  return (
    <div className="bugcheck">
      <div className="bugcheck-title">
        <Link to={bugcheckPath(bugcheck.code)} className="bugcheck-link" title="Open the reference page of this bug check">
          <span className="bugcheck-code">{bugcheck.code}</span>{' '}
          <span className="bugcheck-name">{bugcheck.name ?? 'Unnamed bug check'}</span>{' '}
          <span className="bugcheck-ref">Reference</span>
        </Link>
        <LineButton line={bugcheck.line} />
      </div>
      {bugcheck.meaning ? <p className="bugcheck-meaning">{bugcheck.meaning}</p> : null}
      {args.length > 0 ? (
        <div className="table-scroll">
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
              {args.map((arg, i) => (
                <tr key={i}>
                  <th scope="row">Arg{i + 1}</th>
                  <td>
                    <code>{arg.value}</code>
                  </td>
                  <td>
                    {arg.label ? <span className="arg-label">{arg.label}</span> : null}
                    {arg.decoded ? <span className="arg-decoded">{arg.decoded}</span> : null}
                    {!arg.label && !arg.decoded ? <span className="muted">—</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

/** The verdict: headline, bug check (linked to its reference page), category and ranked suspects. */
/**
 * Why nothing is blamed: the evidence that decided the category (its signal's finding, without the
 * "Evidence of …:" lead), else the headline.
 */
function noBlameReason(report: AnalysisReport): string {
  const signal = report.findings.find((f) => f.id === `signal.${report.category}`);
  if (!signal) {
    return report.headline;
  }
  const colon = signal.title.indexOf(': ');
  const why = colon >= 0 ? signal.title.slice(colon + 2) : signal.title;
  return why.charAt(0).toUpperCase() + why.slice(1);
}

export function VerdictSection({ report }: { report: AnalysisReport }) {
  return (
    <Section
      id="verdict"
      label="Verdict"
      className="verdict"
      tools={
        <div className="badges">
          <span className={`badge badge-category category-${report.category}`} title={CATEGORY_HINT[report.category]}>
            <span className="visually-hidden">Category: </span>
            {CATEGORY_LABEL[report.category]}
          </span>
          {report.kind !== 'unknown' ? <span className="badge badge-kind">{KIND_LABEL[report.kind]}</span> : null}
        </div>
      }
    >
      <p className="headline">{report.headline}</p>
      {report.bugcheck ? (
        <BugcheckBlock bugcheck={report.bugcheck} />
      ) : (
        <p className="muted no-bugcheck">
          No bug check in this input (a live session, a user-mode dump or notes without a stop code).{' '}
          <Link to="/bugcheck">Browse the bug check reference</Link>.
        </p>
      )}
      <h3 className="subsection-title">
        Suspects {report.suspects.length > 0 ? <span className="count">{report.suspects.length}</span> : null}
      </h3>
      {report.suspects.length > 0 ? (
        <SuspectList suspects={report.suspects} />
      ) : (
        <div className="no-blame" role="note">
          <p>
            <strong>{report.kind === 'user' ? 'No module is blamed.' : 'No driver is blamed.'}</strong> The evidence in this input does not point at a
            specific module.
          </p>
          <p className="muted">Why: {noBlameReason(report)}</p>
        </div>
      )}
    </Section>
  );
}
