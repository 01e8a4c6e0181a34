import { classifyModule } from '../../analyzers/knowledge/modules';
import type { AnalysisReport, NdisKdData } from '../../analyzers/types';
import { SortableTable, type Column } from '../results/SortableTable';
import { LineButton } from '../verdict/LineButton';
import { OriginBadge } from '../verdict/OriginBadge';

type Miniport = NdisKdData['miniports'][number];
type Handler = NdisKdData['handlers'][number];

/** Miniports listed before "show more" (troubled ones come first). */

/** A miniport in trouble: a reset, a failed status, or not running. */
export function isTroubled(m: Miniport): boolean {
  return (
    m.flags.some((f) => /RESET|FAILED|HALT|SURPRISE/i.test(f)) ||
    (m.nblStatus !== undefined && !/SUCCESS/i.test(m.nblStatus)) ||
    (m.state !== undefined && !/^Running$/i.test(m.state))
  );
}

/** Miniports merged across `!ndiskd.miniport` listings (by handle, later detail wins), troubled ones first. */
function miniports(report: AnalysisReport): Miniport[] {
  const byKey = new Map<string, Miniport>();
  for (const m of report.ndis.flatMap((n) => n.miniports)) {
    const key = m.handle ?? m.name;
    const old = byKey.get(key);
    byKey.set(key, old ? { ...old, ...m, flags: m.flags.length > 0 ? m.flags : old.flags, line: m.flags.length > 0 || m.state ? m.line : old.line } : m);
  }
  return [...byKey.values()].sort((a, b) => Number(isTroubled(b)) - Number(isTroubled(a)));
}

/** `!ndiskd.*`: miniports and their state, pending OIDs, and miniport driver handlers. */
export function NdisView({ report }: { report: AnalysisReport }) {
  const ports = miniports(report);
  const oids = report.ndis.flatMap((n) => n.oids);
  const handlers = report.ndis.flatMap((n) => n.handlers);
  const portCols: Column<Miniport>[] = [
    {
      key: 'name',
      label: 'Miniport',
      rowHeader: true,
      sortValue: (m) => m.name,
      className: 'wide-cell',
      render: (m) => (
        <>
          {m.name}
          {m.driverName ? <span className="cell-sub">{m.driverName}</span> : null}
          {m.handle ? <span className="cell-sub mono">{m.handle}</span> : null}
        </>
      ),
    },
    { key: 'state', label: 'State', sortValue: (m) => m.state, render: (m) => m.state ?? '—' },
    {
      key: 'flags',
      label: 'Flags',
      sortValue: (m) => m.flags.length,
      render: (m) => (
        <span className="flag-list">
          {m.flags.map((f) => (
            <span key={f} className={`badge${/RESET|FAILED|HALT|SURPRISE/i.test(f) ? ' badge-hook' : ''}`}>
              {f}
            </span>
          ))}
          {m.nblStatus ? <span className={`badge${/SUCCESS/i.test(m.nblStatus) ? '' : ' badge-hook'}`}>{m.nblStatus}</span> : null}
        </span>
      ),
    },
    { key: 'line', label: 'Line', className: 'num', sortValue: (m) => m.line, render: (m) => <LineButton line={m.line} /> },
  ];
  const handlerCols: Column<Handler>[] = [
    { key: 'name', label: 'Handler', rowHeader: true, sortValue: (h) => h.name, render: (h) => h.name },
    {
      key: 'module',
      label: 'Module',
      sortValue: (h) => h.module ?? undefined,
      render: (h) => (h.module ? <><OriginBadge origin={classifyModule(h.module)} compact /> {h.module}</> : '—'),
    },
    { key: 'addr', label: 'Address', sortValue: (h) => h.address, render: (h) => <code>{h.address}</code> },
    { key: 'line', label: 'Line', className: 'num', sortValue: (h) => h.line, render: (h) => <LineButton line={h.line} /> },
  ];
  return (
    <>
      {ports.length > 0 ? (
        <SortableTable
          caption="Network miniports"
          columns={portCols}
          rows={ports}
          rowKey={(m, i) => `${m.handle ?? m.name}-${i}`}
          rowClassName={(m) => (isTroubled(m) ? 'is-over' : undefined)}
        />
      ) : null}
      {oids.length > 0 ? (
        <ul className="oid-list" aria-label="NDIS requests (OIDs)">
          {oids.map((o) => (
            <li key={o.line} className={o.completed ? undefined : 'is-pending'}>
              <code>{o.name}</code> <span className={`badge${o.completed ? '' : ' badge-hook'}`}>{o.completed ? 'completed' : 'pending'}</span>
              {o.clonedFrom && o.clonedFrom !== o.name ? <span className="muted"> cloned from {o.clonedFrom}</span> : null} <LineButton line={o.line} />
            </li>
          ))}
        </ul>
      ) : null}
      {handlers.length > 0 ? <SortableTable caption="Miniport driver handlers" columns={handlerCols} rows={handlers} rowKey={(h, i) => `${h.name}-${i}`} /> : null}
    </>
  );
}
