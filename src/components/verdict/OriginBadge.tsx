import type { ModuleOrigin } from '../../analyzers/types';
import { ORIGIN_LABEL } from './labels';

/** Microsoft / third party / unknown, as a small badge. */
export function OriginBadge({ origin, compact = false }: { origin: ModuleOrigin | 'none'; compact?: boolean }) {
  if (origin === 'none') {
    return <span className="badge badge-origin origin-none">no module</span>;
  }
  const label = ORIGIN_LABEL[origin];
  const short = origin === 'microsoft' ? 'MS' : origin === 'third-party' ? '3rd' : '?';
  return (
    <span className={`badge badge-origin origin-${origin}`} title={compact ? label : undefined}>
      {compact ? (
        <>
          <span aria-hidden="true">{short}</span>
          <span className="visually-hidden">{label}</span>
        </>
      ) : (
        label
      )}
    </span>
  );
}
