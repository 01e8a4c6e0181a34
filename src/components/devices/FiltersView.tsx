import type { AnalysisReport, FltKdData } from '../../analyzers/types';
import { SortableTable, type Column } from '../results/SortableTable';
import { LineButton } from '../verdict/LineButton';

type Filter = FltKdData['filters'][number];
type Instance = FltKdData['instances'][number];
type Volume = FltKdData['volumes'][number];

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const it of items) {
    const k = key(it);
    const old = seen.get(k);
    // Keep the first sighting, but fill in what a later one adds (volume, filter name).
    seen.set(k, old ? { ...it, ...old } : it);
  }
  return [...seen.values()];
}

const altitude = (a: string | undefined) => (a === undefined ? undefined : Number.parseFloat(a));

/** `!fltkd.*`: minifilters, their instances with altitudes and volumes, and volumes with their filter counts. */
export function FiltersView({ report }: { report: AnalysisReport }) {
  const filters = uniqueBy(report.filters.flatMap((f) => f.filters), (f) => `${f.name.toLowerCase()}@${f.address ?? ''}`);
  const instances = uniqueBy(report.filters.flatMap((f) => f.instances), (i) => i.address);
  const volumes = uniqueBy(report.filters.flatMap((f) => f.volumes), (v) => v.address);
  const filterCols: Column<Filter>[] = [
    { key: 'name', label: 'Filter', rowHeader: true, sortValue: (f) => f.name.toLowerCase(), render: (f) => f.name },
    { key: 'alt', label: 'Altitude', className: 'num', descendingFirst: true, sortValue: (f) => altitude(f.altitude), render: (f) => f.altitude ?? '—' },
    { key: 'addr', label: 'Address', sortValue: (f) => f.address, render: (f) => (f.address ? <code>{f.address}</code> : '—') },
    { key: 'line', label: 'Line', className: 'num', sortValue: (f) => f.line, render: (f) => <LineButton line={f.line} /> },
  ];
  const instanceCols: Column<Instance>[] = [
    { key: 'name', label: 'Instance', rowHeader: true, sortValue: (i) => i.name.toLowerCase(), render: (i) => i.name },
    { key: 'alt', label: 'Altitude', className: 'num', descendingFirst: true, sortValue: (i) => altitude(i.altitude), render: (i) => i.altitude ?? '—' },
    { key: 'filter', label: 'Filter', sortValue: (i) => i.filter, render: (i) => i.filter ?? '—' },
    { key: 'volume', label: 'Volume', sortValue: (i) => i.volume, render: (i) => i.volume ?? '—' },
    { key: 'addr', label: 'Address', sortValue: (i) => i.address, render: (i) => <code>{i.address}</code> },
    { key: 'line', label: 'Line', className: 'num', sortValue: (i) => i.line, render: (i) => <LineButton line={i.line} /> },
  ];
  const volumeCols: Column<Volume>[] = [
    { key: 'name', label: 'Volume', rowHeader: true, sortValue: (v) => v.name, render: (v) => v.name },
    { key: 'fs', label: 'File system', sortValue: (v) => v.fileSystem, render: (v) => v.fileSystem ?? '—' },
    { key: 'n', label: 'Instances', className: 'num', descendingFirst: true, sortValue: (v) => v.instances.length, render: (v) => v.instances.length },
    { key: 'line', label: 'Line', className: 'num', sortValue: (v) => v.line, render: (v) => <LineButton line={v.line} /> },
  ];
  return (
    <>
      {filters.length > 0 ? <SortableTable caption="Minifilters" columns={filterCols} rows={filters} rowKey={(f, i) => `${f.name}-${i}`} initialSort={{ key: 'alt', direction: 'descending' }} /> : null}
      {instances.length > 0 ? (
        <SortableTable caption="Filter instances" columns={instanceCols} rows={instances} rowKey={(i) => i.address} initialSort={{ key: 'alt', direction: 'descending' }} />
      ) : null}
      {volumes.length > 0 ? <SortableTable caption="Volumes" columns={volumeCols} rows={volumes} rowKey={(v) => v.address} /> : null}
    </>
  );
}
