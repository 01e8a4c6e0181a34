import { useState } from 'react';
import type { Suspect } from '../../analyzers/types';
import { countOf } from '../../lib/text-lines';
import { ConfidenceMeter } from './ConfidenceMeter';
import { LineButton } from './LineButton';
import { OriginBadge } from './OriginBadge';
import { RuleRef } from './RuleRef';

/** Suspects shown before "show more": the ranking's tail is rarely the story. */
const SHOWN = 4;

function SuspectItem({ suspect, rank }: { suspect: Suspect; rank: number }) {
  return (
    <li className={`suspect${suspect.confidence >= 0.5 ? ' is-blamed' : ''}`}>
      <div className="suspect-head">
        <span className="suspect-rank" aria-hidden="true">
          {rank + 1}
        </span>
        <span className="suspect-module">{suspect.module}</span>
        <OriginBadge origin={suspect.origin} />
        {suspect.vendor || suspect.product ? (
          <span className="suspect-vendor">{[suspect.vendor, suspect.product].filter(Boolean).join(' · ')}</span>
        ) : null}
      </div>
      <ConfidenceMeter value={suspect.confidence} />
      {suspect.reasons.length > 0 ? (
        <ul className="reasons" aria-label={`Evidence against ${suspect.module}`}>
          {suspect.reasons.map((r, i) => (
            <li key={i}>
              {r.line !== undefined ? (
                <LineButton line={r.line} className="reason">
                  <span className="reason-text">{r.text}</span>
                  <RuleRef rule={r.rule} />
                  <span className="line-ref">line {r.line}</span>
                </LineButton>
              ) : (
                <span className="reason reason-static">
                  <span className="reason-text">{r.text}</span>
                  <RuleRef rule={r.rule} />
                </span>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** Ranked suspects, best first, each with its evidence as clickable reasons. */
export function SuspectList({ suspects }: { suspects: readonly Suspect[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? suspects : suspects.slice(0, SHOWN);
  return (
    <>
      <ol className="suspects">
        {shown.map((s, rank) => (
          <SuspectItem key={`${s.module}-${rank}`} suspect={s} rank={rank} />
        ))}
      </ol>
      {suspects.length > SHOWN ? (
        <button type="button" className="button button-small show-all" aria-expanded={all} onClick={() => setAll((a) => !a)}>
          {all ? 'Show fewer suspects' : `Show ${countOf(suspects.length - SHOWN, 'more suspect')}`}
        </button>
      ) : null}
    </>
  );
}
