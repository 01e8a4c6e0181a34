import { Suspense, lazy, useId, useState, type ReactNode } from 'react';
import type { BarChartProps } from './BarChartView';
import { chartHeight } from './chart-size';

const BarChartView = lazy(() => import('./BarChartView'));

/**
 * A chart with its table view: a Chart/Table toggle (the table serves screen
 * readers and copying), a caption, and the chart loaded on demand (recharts
 * stays out of the first screen's chunk; the table shows while it loads).
 */
export function ChartFigure({ title, note, chart, table }: { title: string; note?: ReactNode; chart: BarChartProps; table: ReactNode }) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const titleId = useId();
  return (
    <figure className="chart-figure" aria-labelledby={titleId}>
      <div className="chart-head">
        <figcaption id={titleId} className="chart-title">
          {title}
        </figcaption>
        <div className="view-toggle" role="group" aria-label={`${title}: view`}>
          <button type="button" className="toggle-button" aria-pressed={view === 'chart'} onClick={() => setView('chart')}>
            Chart
          </button>
          <button type="button" className="toggle-button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
            Table
          </button>
        </div>
      </div>
      {note ? <div className="chart-note">{note}</div> : null}
      {view === 'table' ? (
        <div className="chart-table">{table}</div>
      ) : (
        <Suspense fallback={<div className="chart-loading" style={{ height: chartHeight(chart) }} />}>
          <BarChartView {...chart} />
        </Suspense>
      )}
    </figure>
  );
}
