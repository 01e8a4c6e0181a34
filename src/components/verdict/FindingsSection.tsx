import type { AnalysisReport } from '../../analyzers/types';
import { findingsBySeverity } from '../../store/selectors';
import { SEVERITY_LABEL } from './labels';
import { LineButton } from './LineButton';

const MAX_LINE_CHIPS = 6;

/** Findings grouped by severity, each with its lines as buttons. */
export function FindingsSection({ report }: { report: AnalysisReport }) {
  const groups = findingsBySeverity(report);
  if (groups.length === 0) {
    return null;
  }
  return (
    <section aria-label="Findings" className="card findings">
      <h2 className="section-title">
        Findings <span className="count">{report.findings.length}</span>
      </h2>
      {groups.map(({ severity, findings }) => (
        <div key={severity} className={`finding-group severity-${severity}`}>
          <h3 className="subsection-title">
            <span className={`severity-dot severity-${severity}`} aria-hidden="true" />
            {SEVERITY_LABEL[severity]} <span className="count">{findings.length}</span>
          </h3>
          <ul className="finding-list">
            {findings.map((f, i) => (
              <li key={`${f.id}-${i}`} className="finding">
                <div className="finding-title">{f.title}</div>
                {f.detail ? <p className="finding-detail">{f.detail}</p> : null}
                {f.lines.length > 0 ? (
                  <div className="line-chips">
                    {f.lines.slice(0, MAX_LINE_CHIPS).map((line) => (
                      <LineButton key={line} line={line} />
                    ))}
                    {f.lines.length > MAX_LINE_CHIPS ? (
                      <span className="muted">+{f.lines.length - MAX_LINE_CHIPS} more</span>
                    ) : null}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
