/**
 * Horizontal bar chart (recharts), loaded lazily by ChartFigure. Colours come
 * from the resolved theme so bars, grid and labels stay legible in light and
 * dark; a reference line marks a threshold (pool exhaustion).
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { useResolvedTheme } from '../layout/use-theme';
import { chartHeight } from './chart-size';
import { useChartTurn } from './use-chart-turn';
import { formatBytes, formatKb, formatPercent } from './format';

export interface BarDatum {
  label: string;
  value: number;
  /** A second, stacked part of the bar (non-paged NX pool on top of non-paged pool). */
  extra?: number;
  /** Drawn in the warning colour (a third-party owner, a pool over its threshold). */
  highlight?: boolean;
}

/** What the values count: the chart picks a readable scale (KB, MB, GB) for sizes. */
export type ChartUnit = 'percent' | 'bytes' | 'kb' | 'count';

export interface BarChartProps {
  data: readonly BarDatum[];
  unit: ChartUnit;
  /** Axis maximum, in the data's unit (100 for percentages); default: fit the data. */
  max?: number;
  reference?: { value: number; label: string };
  /** Names of the value and extra parts, for the tooltip. */
  valueName: string;
  extraName?: string;
  /** Width of the category labels, in pixels. */
  labelWidth?: number;
  /** One sentence for screen readers (the table view has the numbers). */
  summary: string;
}

const PALETTE = {
  light: { bar: '#3b6fd8', extra: '#93b4f0', highlight: '#c2570c', grid: '#e2e6ec', text: '#3d4756', muted: '#5a6576', ref: '#b42318', tooltipBg: '#ffffff', tooltipBorder: '#cbd2dc' },
  dark: { bar: '#7aa2ff', extra: '#3d5a99', highlight: '#ffb86b', grid: '#2a313c', text: '#d5dbe4', muted: '#9aa5b4', ref: '#ff8a80', tooltipBg: '#1b212a', tooltipBorder: '#3a4350' },
};

function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') {
      return;
    }
    const ro = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      setWidth((old) => (old === w ? old : w));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/** Average width of a character of the axis font, to cut long labels without measuring them. */
const CHAR_PX = 7;

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
  textAnchor?: string;
}

/**
 * An axis tick as a plain SVG text. Recharts' own measures every word of every
 * label in the DOM (a forced layout each) to wrap it; these labels never wrap:
 * a category label too long for its width is cut with an ellipsis (the table
 * view and the tooltip have it whole).
 */
function tick(options: { fill: string; fontSize: number; maxChars?: number; format?: (v: number) => string; anchor: 'end' | 'middle'; dy: string }) {
  return function Tick({ x, y, payload }: TickProps) {
    const raw = payload?.value;
    let text = options.format ? options.format(Number(raw)) : String(raw ?? '');
    if (options.maxChars !== undefined && text.length > options.maxChars) {
      text = `${text.slice(0, Math.max(1, options.maxChars - 1))}…`;
    }
    return (
      <text x={Number(x)} y={Number(y)} dy={options.dy} textAnchor={options.anchor} fill={options.fill} fontSize={options.fontSize}>
        {text}
      </text>
    );
  };
}

const NF = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const SIZE_UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'];

/** Divide values by `div` and print them with `suffix`, so the axis gets round ticks in that unit. */
export function chartScale(unit: ChartUnit, max: number): { div: number; format: (v: number) => string; formatRaw: (v: number) => string } {
  if (unit === 'percent') {
    const format = (v: number) => formatPercent(v / 100);
    return { div: 1, format, formatRaw: format };
  }
  if (unit === 'count') {
    const format = (v: number) => NF.format(v);
    return { div: 1, format, formatRaw: format };
  }
  let u = unit === 'kb' ? 1 : 0;
  let div = 1;
  let m = max;
  while (m >= 1024 && u < SIZE_UNITS.length - 1) {
    m /= 1024;
    div *= 1024;
    u++;
  }
  const suffix = SIZE_UNITS[u] ?? '';
  // Bar labels and tooltips use each value's own unit: a 12 MB tag next to a 5 GB one is not "0 GB".
  const formatRaw = (v: number) => (unit === 'kb' ? formatKb(v) : formatBytes(v));
  return { div, format: (v) => (v === 0 ? '0' : `${NF.format(v)} ${suffix}`), formatRaw };
}

export default function BarChartView({ data, unit, max, reference, valueName, extraName, labelWidth = 120, summary }: BarChartProps) {
  const theme = useResolvedTheme();
  const c = PALETTE[theme];
  const [ref, width] = useWidth();
  // Drawn in its turn (one chart per task); once drawn, a chart redraws at once (a resize, a theme).
  const turn = useChartTurn(width > 0);
  const height = chartHeight({ data });
  const { div, format, formatRaw } = chartScale(unit, Math.max(0, ...data.map((d) => d.value + (d.extra ?? 0))));
  const label = (v: unknown) => formatRaw(Number(v) * div);
  const rows = data.map((d) => {
    const value = d.value / div;
    const extra = d.extra !== undefined ? d.extra / div : undefined;
    return { ...d, value, extra, total: value + (extra ?? 0) };
  });
  const stacked = data.some((d) => d.extra !== undefined && d.extra > 0);
  return (
    <div ref={ref} className="bar-chart" style={{ height }} role="img" aria-label={summary}>
      {width > 0 && turn ? (
        <BarChart width={width} height={height} data={rows} layout="vertical" margin={{ top: reference ? 18 : 4, right: 72, bottom: 4, left: 4 }} barCategoryGap={6}>
          {/* No horizontal lines, so none to place: recharts would measure every category label for them. */}
          <CartesianGrid horizontal={false} horizontalCoordinatesGenerator={() => []} stroke={c.grid} />
          <XAxis
            type="number"
            domain={[0, max !== undefined ? max / div : 'auto']}
            tick={tick({ fill: c.muted, fontSize: 11, format, anchor: 'middle', dy: '1em' })}
            stroke={c.grid}
            allowDecimals={false}
            // No collision search between ticks (it measures each label): a handful of round numbers fits.
            interval={0}
          />
          <YAxis
            type="category"
            dataKey="label"
            width={labelWidth}
            tick={tick({ fill: c.text, fontSize: 12, maxChars: Math.floor((labelWidth - 8) / CHAR_PX), anchor: 'end', dy: '0.355em' })}
            stroke={c.grid}
            interval={0}
          />
          <Tooltip
            cursor={{ fill: c.grid, opacity: 0.5 }}
            contentStyle={{ background: c.tooltipBg, border: `1px solid ${c.tooltipBorder}`, borderRadius: 6, color: c.text, fontSize: 12 }}
            labelStyle={{ color: c.text, fontWeight: 600 }}
            itemStyle={{ color: c.text }}
            formatter={(v) => label(v)}
          />
          <Bar dataKey="value" name={valueName} stackId="a" isAnimationActive={false} radius={stacked ? 0 : [0, 3, 3, 0]}>
            {rows.map((d) => (
              <Cell key={d.label} fill={d.highlight ? c.highlight : c.bar} />
            ))}
            {stacked ? null : <LabelList dataKey="total" position="right" formatter={label} fill={c.text} fontSize={11} />}
          </Bar>
          {stacked ? (
            <Bar dataKey="extra" name={extraName ?? 'extra'} stackId="a" isAnimationActive={false} fill={c.extra} radius={[0, 3, 3, 0]}>
              <LabelList dataKey="total" position="right" formatter={label} fill={c.text} fontSize={11} />
            </Bar>
          ) : null}
          {reference ? (
            <ReferenceLine
              x={reference.value / div}
              stroke={c.ref}
              strokeDasharray="4 3"
              strokeWidth={1.5}
              label={{ value: reference.label, position: 'top', fill: c.ref, fontSize: 11 }}
            />
          ) : null}
        </BarChart>
      ) : null}
    </div>
  );
}
