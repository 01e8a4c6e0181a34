import { useState } from 'react';
import type { AnalysisReport, Finding, Severity } from '../../analyzers/types';
import { findingsBySeverity } from '../../store/selectors';
import { Section } from '../results/Section';
import { SEVERITY_LABEL } from './labels';
import { LineButton } from './LineButton';
import { RuleRef } from './RuleRef';

const MAX_LINE_CHIPS = 6;
/** Info findings past this many start folded: they are context, not the story. */
const INFO_FOLDED_AFTER = 5;

function FindingItem({ finding }: { finding: Finding }) {
  return (
    <li className="finding">
      <div className="finding-title">
        {finding.title} <RuleRef rule={finding.rule} />
      </div>
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

/** Findings of one kind (same id) past this many are folded behind a "more like this" button. */
const SAME_KIND_SHOWN = 3;
/** Findings of one kind shown per click once unfolded. */
const SAME_KIND_PAGE = 50;

/** Findings sharing an id, in input order: `lm.old-driver` × 8,000 reads as one entry. */
function byKind(findings: readonly Finding[]): Finding[][] {
  const kinds = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = kinds.get(f.id);
    if (list) {
      list.push(f);
    } else {
      kinds.set(f.id, [f]);
    }
  }
  return [...kinds.values()];
}

function KindItems({ findings }: { findings: Finding[] }) {
  const [limit, setLimit] = useState(SAME_KIND_SHOWN);
  const shown = findings.slice(0, limit);
  const rest = findings.length - shown.length;
  return (
    <>
      {shown.map((f, i) => (
        <FindingItem key={`${f.id}-${i}`} finding={f} />
      ))}
      {rest > 0 ? (
        <li className="finding-more">
          <button type="button" className="button button-small" onClick={() => setLimit((l) => (l === SAME_KIND_SHOWN ? SAME_KIND_PAGE : l + SAME_KIND_PAGE))}>
            Show {Math.min(rest, limit === SAME_KIND_SHOWN ? SAME_KIND_PAGE - SAME_KIND_SHOWN : SAME_KIND_PAGE).toLocaleString('en-US')} more like this
          </button>
          <span className="muted small">{rest.toLocaleString('en-US')} similar findings not shown</span>
        </li>
      ) : null}
    </>
  );
}

function FindingGroup({ severity, findings }: { severity: Severity; findings: Finding[] }) {
  const kinds = byKind(findings);
  const foldable = severity === 'info' && kinds.length > INFO_FOLDED_AFTER;
  const [open, setOpen] = useState(!foldable);
  const shown = open ? kinds : kinds.slice(0, INFO_FOLDED_AFTER);
  return (
    <div className={`finding-group severity-${severity}`}>
      <h3 className="subsection-title">
        <span className={`severity-dot severity-${severity}`} aria-hidden="true" />
        {SEVERITY_LABEL[severity]} <span className="count">{findings.length}</span>
      </h3>
      <ul className="finding-list">
        {shown.map((list) => (
          <KindItems key={list[0]!.id} findings={list} />
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
