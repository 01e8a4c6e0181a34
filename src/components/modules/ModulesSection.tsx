import { useCallback, useMemo, useState } from 'react';
import type { AnalysisReport } from '../../analyzers/types';
import { Section } from '../results/Section';
import { SortableTable, type Column } from '../results/SortableTable';
import { LineButton } from '../verdict/LineButton';
import { OriginBadge } from '../verdict/OriginBadge';
import { FLAG_LABEL, ageReference, ageYears, moduleFlagger, type ModuleFlag, type ModuleRow } from './module-flags';


function isoDate(epoch: number): string {
  return new Date(epoch * 1000).toISOString().slice(0, 10);
}

/**
 * Loaded modules: a sortable, filterable table with vendor, range, link date
 * and age, symbol state and flags (in the verdict, hooks a driver, old, no symbols).
 */
export function ModulesSection({ report, now }: { report: AnalysisReport; now?: number }) {
  const [filter, setFilter] = useState('');
  const [onlyForeign, setOnlyForeign] = useState(false);
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const [nowMs] = useState(() => now ?? Date.now());
  const reference = useMemo(() => ageReference(report.modules, Math.floor(nowMs / 1000)), [report.modules, nowMs]);
  const flagMap = useMemo(() => {
    const flagger = moduleFlagger(report, reference.epoch);
    return new Map<ModuleRow, ModuleFlag[]>(report.modules.map((m) => [m, flagger(m)]));
  }, [report, reference.epoch]);
  const flagsOf = useCallback((m: ModuleRow) => flagMap.get(m) ?? [], [flagMap]);
  const needle = filter.trim().toLowerCase();
  const rows = useMemo(
    () =>
      report.modules.filter(
        (m) =>
          (!onlyForeign || m.origin !== 'microsoft') &&
          (!onlyFlagged || flagsOf(m).some((f) => f !== 'unloaded')) &&
          (needle === '' ||
            [m.name, m.image, m.vendor, m.product, m.path].some((v) => v !== undefined && v.toLowerCase().includes(needle))),
      ),
    [report.modules, onlyForeign, onlyFlagged, needle, flagsOf],
  );
  if (report.modules.length === 0) {
    return null;
  }
  const columns: Column<ModuleRow>[] = [
    {
      key: 'name',
      label: 'Module',
      rowHeader: true,
      sortValue: (m) => m.name.toLowerCase(),
      render: (m) => (
        <>
          <LineButton line={m.line} className="module-button">
            {m.name}
          </LineButton>
          {m.image && m.image.toLowerCase().replace(/\.(?:sys|dll|exe|drv)$/, '') !== m.name.toLowerCase() ? <span className="cell-sub">{m.image}</span> : null}
          {m.start ? (
            <span className="cell-sub mono">
              {m.start}
              {m.end ? `–${m.end}` : ''}
            </span>
          ) : null}
        </>
      ),
    },
    {
      key: 'vendor',
      label: 'Vendor',
      sortValue: (m) => (m.vendor ?? `~${m.origin}`).toLowerCase(),
      render: (m) => (
        <>
          <OriginBadge origin={m.origin} />
          {m.vendor && m.origin !== 'microsoft' ? <span className="cell-sub">{[m.vendor, m.product].filter(Boolean).join(' · ')}</span> : null}
        </>
      ),
    },
    {
      key: 'date',
      label: 'Link date',
      sortValue: (m) => m.timestamp?.epoch,
      render: (m) => (m.timestamp?.epoch !== undefined ? isoDate(m.timestamp.epoch) : m.timestamp ? <span className="muted" title="not a date (reproducible build hash)">{m.timestamp.text}</span> : '—'),
    },
    {
      key: 'age',
      label: 'Age',
      className: 'num',
      descendingFirst: true,
      sortValue: (m) => ageYears(m, reference.epoch),
      render: (m) => {
        const age = ageYears(m, reference.epoch);
        return age === undefined ? '—' : `${age.toFixed(1)} y`;
      },
    },
    { key: 'symbols', label: 'Symbols', sortValue: (m) => m.symbols, render: (m) => m.symbols ?? '—' },
    {
      key: 'flags',
      label: 'Flags',
      descendingFirst: true,
      sortValue: (m) => flagsOf(m).length,
      render: (m) => (
        <span className="flag-list">
          {flagsOf(m).map((f) => (
            <span key={f} className={`badge flag flag-${f}`}>
              {FLAG_LABEL[f]}
            </span>
          ))}
        </span>
      ),
    },
  ];
  const flagged = report.modules.filter((m) => flagsOf(m).some((f) => f !== 'unloaded')).length;
  return (
    <Section
      id="modules"
      label="Modules"
      count={report.modules.length}
      className="modules"
      tools={
        <input
          type="search"
          className="filter-input"
          placeholder="Filter: name, vendor, path…"
          aria-label="Filter modules"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      }
    >
      <div className="table-options">
        <label>
          <input type="checkbox" checked={onlyForeign} onChange={(e) => setOnlyForeign(e.target.checked)} /> Not Microsoft only
        </label>
        <label>
          <input type="checkbox" checked={onlyFlagged} onChange={(e) => setOnlyFlagged(e.target.checked)} /> Flagged only ({flagged})
        </label>
        <span className="muted small">
          Age measured from {reference.from === 'today' ? 'today' : `the newest module (${isoDate(reference.epoch)})`}; “old”: not Microsoft and {3}+ years.
        </span>
      </div>
      {rows.length === 0 ? (
        <p className="muted">No module matches.</p>
      ) : (
        <SortableTable
          caption="Loaded modules"
          columns={columns}
          rows={rows}
          rowKey={(m, i) => `${m.name}-${m.line}-${i}`}
          rowClassName={(m) => (flagsOf(m).includes('suspect') ? 'is-suspect' : undefined)}
          initialSort={{ key: 'flags', direction: 'descending' }}
        />
      )}
    </Section>
  );
}
