import { useState } from 'react';
import type { AnalysisReport, Finding, Severity } from '../../analyzers/types';
import { findingsBySeverity } from '../../store/selectors';
import { Section } from '../results/Section';
import { SEVERITY_LABEL } from './labels';
import { LineButton } from './LineButton';

const MAX_LINE_CHIPS = 6;
/** Info findings past this many start folded: they are context, not the story. */
const INFO_FOLDED_AFTER = 5;

function FindingItem({ finding }: { finding: Finding }) {
  return (
    <li className="finding">
      <div className="finding-title">{finding.title}</div>
      {finding.detail ? <p className="finding-detail">{finding.detail}</p> : null}
      {finding.lines.length > 0 ? (
        <div className="line-chips">
          {finding.lines.slice(0, MAX_LINE_CHIPS).map((line) => (
            <LineButton key={line} line={line} />
          ))}
          {finding.lines.length > MAX_LINE_CHIPS ? <span className="muted">+{finding.lines.length - MAX_LINE_CHIPS} more</span> : null}
        </div>
      ) : null}
    </li>
  );
}

function FindingGroup({ severity, findings }: { severity: Severity; findings: Finding[] }) {
  const foldable = severity === 'info' && findings.length > INFO_FOLDED_AFTER;
  const [open, setOpen] = useState(!foldable);
  const shown = open ? findings : findings.slice(0, INFO_FOLDED_AFTER);
  return (
    <div className={`finding-group severity-${severity}`}>
      <h3 className="subsection-title">
        <span className={`severity-dot severity-${severity}`} aria-hidden="true" />
        {SEVERITY_LABEL[severity]} <span className="count">{findings.length}</span>
      </h3>
      <ul className="finding-list">
        {shown.map((f, i) => (
          <FindingItem key={`${f.id}-${i}`} finding={f} />
        ))}
      </ul>
      {foldable ? (
        <button type="button" className="button button-small show-all" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? 'Show fewer' : `Show all ${findings.length} info findings`}
        </button>
      ) : null}
    </div>
  );
}

/** Findings grouped by severity, most severe first, each with its lines as buttons. */
export function FindingsSection({ report }: { report: AnalysisReport }) {
  const groups = findingsBySeverity(report);
  if (groups.length === 0) {
    return null;
  }
  return (
    <Section id="findings" label="Findings" count={report.findings.length} className="findings">
      {groups.map(({ severity, findings }) => (
        <FindingGroup key={severity} severity={severity} findings={findings} />
      ))}
    </Section>
  );
}
