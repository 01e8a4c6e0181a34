import type { AnalysisReport } from '../../analyzers/types';
import { countOf } from '../../lib/text-lines';
import { ChartFigure } from '../memory/ChartFigure';
import { formatPercent } from '../memory/format';
import { SortableTable, type Column } from '../results/SortableTable';
import { ThreadRef } from '../threads/ThreadRef';
import { LineButton } from '../verdict/LineButton';
import { irpFunction } from './IrpCard';

type Row = AnalysisReport['irpFind'][number];
const TOP = 10;

/** `!irpfind`: outstanding IRPs counted per driver (chart and table), then every IRP. */
export function IrpFindView({ report }: { report: AnalysisReport }) {
  const rows = report.irpFind;
  const counts = new Map<string, number>();
  for (const r of rows) {
    counts.set(r.driver, (counts.get(r.driver) ?? 0) + 1);
  }
  const perDriver = [...counts].map(([driver, count]) => ({ driver, count })).sort((a, b) => b.count - a.count);
  const top = perDriver.slice(0, TOP);
  const columns: Column<Row>[] = [
    { key: 'irp', label: 'IRP', rowHeader: true, sortValue: (r) => r.irp, render: (r) => <code>{r.irp}</code> },
    { key: 'driver', label: 'Driver', sortValue: (r) => r.driver, render: (r) => r.driver },
    { key: 'fn', label: 'Function', sortValue: (r) => irpFunction(r.major, r.minor), render: (r) => irpFunction(r.major, r.minor) },
    { key: 'device', label: 'Device', sortValue: (r) => r.device, render: (r) => (r.device ? <code>{r.device}</code> : '—') },
    { key: 'thread', label: 'Thread', sortValue: (r) => r.thread, render: (r) => (r.thread ? <ThreadRef report={report} id={r.thread} /> : '—') },
    { key: 'line', label: 'Line', className: 'num', sortValue: (r) => r.line, render: (r) => <LineButton line={r.line} /> },
  ];
  return (
    <>
      <ChartFigure
        title="Outstanding IRPs per driver"
        note={<span className="muted">A driver holding most of the outstanding I/O is where requests get stuck.</span>}
        chart={{
          data: top.map((d, i) => ({ label: d.driver.replace(/^\\(?:Driver|FileSystem)\\/i, ''), value: d.count, highlight: i === 0 && d.count / rows.length >= 0.5 })),
          unit: 'count',
          valueName: 'IRPs',
          labelWidth: 140,
          summary: `IRPs per driver: ${top
            .slice(0, 3)
            .map((d) => `${d.driver} ${d.count}`)
            .join(', ')} of ${rows.length}.`,
        }}
        table={
          <table className="data-table">
            <caption className="visually-hidden">Outstanding IRPs per driver</caption>
            <thead>
              <tr>
                <th scope="col">Driver</th>
                <th scope="col" className="num">
                  IRPs
                </th>
                <th scope="col" className="num">
                  Share
                </th>
              </tr>
            </thead>
            <tbody>
              {perDriver.map((d) => (
                <tr key={d.driver}>
                  <th scope="row">{d.driver}</th>
                  <td className="num">{d.count}</td>
                  <td className="num">{formatPercent(d.count / rows.length)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <details className="irp-list">
        <summary>{rows.length === 1 ? 'The IRP' : `All ${countOf(rows.length, 'IRP')}`} found by !irpfind</summary>
        <SortableTable caption="IRPs found by !irpfind" columns={columns} rows={rows} rowKey={(r, i) => `${r.irp}-${i}`} />
      </details>
    </>
  );
}
