import type { Suspect } from '../../analyzers/types';
import { useAppStore } from '../../store/context';
import { selectRevealLine } from '../../store/selectors';
import { ConfidenceMeter } from './ConfidenceMeter';
import { OriginBadge } from './OriginBadge';

/** Ranked suspects, best first, each with its evidence as clickable reasons. */
export function SuspectList({ suspects }: { suspects: readonly Suspect[] }) {
  const revealLine = useAppStore(selectRevealLine);
  return (
    <ol className="suspects">
      {suspects.map((s, rank) => (
        <li key={`${s.module}-${rank}`} className={`suspect${s.confidence >= 0.5 ? ' is-blamed' : ''}`}>
          <div className="suspect-head">
            <span className="suspect-rank" aria-hidden="true">
              {rank + 1}
            </span>
            <span className="suspect-module">{s.module}</span>
            <OriginBadge origin={s.origin} />
            {s.vendor || s.product ? (
              <span className="suspect-vendor">{[s.vendor, s.product].filter(Boolean).join(' · ')}</span>
            ) : null}
          </div>
          <ConfidenceMeter value={s.confidence} />
          {s.reasons.length > 0 ? (
            <ul className="reasons" aria-label={`Evidence against ${s.module}`}>
              {s.reasons.map((r, i) => (
                <li key={i}>
                  {r.line !== undefined ? (
                    <button type="button" className="reason" onClick={() => revealLine(r.line!)}>
                      <span className="reason-text">{r.text}</span>
                      <span className="line-ref">line {r.line}</span>
                    </button>
                  ) : (
                    <span className="reason reason-static">
                      <span className="reason-text">{r.text}</span>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
