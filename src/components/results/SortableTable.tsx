import { useVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/** From this many rows a table scrolls in its own box and renders only the rows in view. */
export const VIRTUAL_FROM = 200;
/**
 * A row's height until one is measured. Cells of a long table do not wrap
 * (workspace.css), so its rows are all as tall as the first one rendered:
 * that one is measured, not every row.
 */
const ROW_ESTIMATE = 30;

/** One column of a `SortableTable`. */
export interface Column<T> {
  key: string;
  label: string;
  /** The cell. */
  render: (row: T) => ReactNode;
  /** Sort key; columns without one are not sortable. */
  sortValue?: (row: T) => string | number | undefined;
  /** Sort this column descending first (sizes, counts, ages). */
  descendingFirst?: boolean;
  className?: string;
  /** Render the cell as the row header (`<th scope="row">`). */
  rowHeader?: boolean;
}

type Direction = 'ascending' | 'descending';

function compare(a: string | number | undefined, b: string | number | undefined): number {
  // Missing values sort last in both directions (handled by the caller).
  if (typeof a === 'number' && typeof b === 'number') {
    return a - b;
  }
  return String(a).localeCompare(String(b), 'en', { numeric: true, sensitivity: 'base' });
}

/**
 * A table whose sortable column headers are buttons (keyboard: Tab to a header,
 * Enter/Space to sort; again to reverse), with `aria-sort` on the sorted column.
 * Long tables (`VIRTUAL_FROM` rows or more: a server's `lm`, `!irpfind`, a
 * hundred thousand threads) scroll in their own box under a sticky header and
 * render only the rows in view, with `aria-rowcount`/`aria-rowindex` telling
 * assistive technology where each row sits.
 */
export function SortableTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowClassName,
  initialSort,
  className,
}: {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  rowClassName?: (row: T) => string | undefined;
  initialSort?: { key: string; direction: Direction };
  className?: string;
}) {
  const [sort, setSort] = useState<{ key: string; direction: Direction } | null>(initialSort ?? null);
  const sorted = useMemo(() => {
    const col = sort ? columns.find((c) => c.key === sort.key) : undefined;
    if (!sort || !col?.sortValue) {
      return rows;
    }
    const get = col.sortValue;
    const sign = sort.direction === 'ascending' ? 1 : -1;
    return [...rows].sort((x, y) => {
      const a = get(x);
      const b = get(y);
      if (a === undefined || b === undefined) {
        return a === b ? 0 : a === undefined ? 1 : -1;
      }
      return sign * compare(a, b);
    });
  }, [rows, columns, sort]);
  const virtual = sorted.length >= VIRTUAL_FROM;
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const [rowHeight, setRowHeight] = useState(ROW_ESTIMATE);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is mutable by design; this table is simply not auto-memoized
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLTableRowElement>({
    count: virtual ? sorted.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 10,
    // Before the box is measured (and in test DOMs without layout), assume a screenful.
    initialRect: { width: 960, height: 640 },
  });

  // Measure one row once it is on screen (test DOMs without layout report 0: keep the estimate).
  useLayoutEffect(() => {
    if (!virtual) {
      return;
    }
    const row = scrollRef.current?.querySelector<HTMLTableRowElement>('tbody tr[aria-rowindex]');
    const h = row?.getBoundingClientRect().height ?? 0;
    if (h > 0 && Math.abs(h - rowHeight) > 0.5) {
      setRowHeight(h);
    }
  }, [virtual, rowHeight]);
  useLayoutEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);

  const toggle = (col: Column<T>) => {
    setSort((old) => {
      if (old?.key === col.key) {
        return { key: col.key, direction: old.direction === 'ascending' ? 'descending' : 'ascending' };
      }
      return { key: col.key, direction: col.descendingFirst ? 'descending' : 'ascending' };
    });
  };

  return (
    <div
      ref={scrollRef}
      className={`table-scroll${virtual ? ' table-scroll-virtual' : ''}`}
      // A scrolling box must be reachable from the keyboard.
      tabIndex={virtual ? 0 : undefined}
      role={virtual ? 'region' : undefined}
      aria-label={virtual ? `${caption}: ${sorted.length.toLocaleString('en-US')} rows, scroll to see more` : undefined}
    >
      <table className={`data-table${className ? ` ${className}` : ''}`} aria-rowcount={virtual ? sorted.length + 1 : undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((col) => {
              const active = sort?.key === col.key;
              return (
                <th key={col.key} scope="col" className={col.className} aria-sort={active ? sort.direction : col.sortValue ? 'none' : undefined}>
                  {col.sortValue ? (
                    <button type="button" className="sort-button" onClick={() => toggle(col)}>
                      {col.label}
                      <span className="sort-mark" aria-hidden="true">
                        {active ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    col.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {virtual ? <VirtualRows virtualizer={virtualizer} rows={sorted} columns={columns} rowKey={rowKey} rowClassName={rowClassName} /> : sorted.map((row, i) => <Row key={rowKey(row, i)} row={row} columns={columns} className={rowClassName?.(row)} />)}
        </tbody>
      </table>
    </div>
  );
}

function Row<T>({ row, columns, className, index }: { row: T; columns: readonly Column<T>[]; className?: string; index?: number }) {
  return (
    <tr className={className} aria-rowindex={index !== undefined ? index + 2 : undefined}>
      {columns.map((col) =>
        col.rowHeader ? (
          <th key={col.key} scope="row" className={col.className}>
            {col.render(row)}
          </th>
        ) : (
          <td key={col.key} className={col.className}>
            {col.render(row)}
          </td>
        ),
      )}
    </tr>
  );
}

/** The rows in view, between two spacer rows that stand for the others. */
function VirtualRows<T>({
  virtualizer,
  rows,
  columns,
  rowKey,
  rowClassName,
}: {
  virtualizer: ReturnType<typeof useVirtualizer<HTMLDivElement, HTMLTableRowElement>>;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T, index: number) => string;
  rowClassName?: (row: T) => string | undefined;
}) {
  const items = virtualizer.getVirtualItems();
  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  return (
    <>
      {before > 0 ? (
        <tr className="virtual-spacer" aria-hidden="true">
          <td colSpan={columns.length} style={{ height: before }} />
        </tr>
      ) : null}
      {items.map((item) => {
        const row = rows[item.index] as T;
        return <Row key={rowKey(row, item.index)} row={row} columns={columns} className={rowClassName?.(row)} index={item.index} />;
      })}
      {after > 0 ? (
        <tr className="virtual-spacer" aria-hidden="true">
          <td colSpan={columns.length} style={{ height: after }} />
        </tr>
      ) : null}
    </>
  );
}
