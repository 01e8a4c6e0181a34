import { useMemo, useState, type ReactNode } from 'react';
import { ShowMoreButton, usePaged } from './ShowMore';

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
 */
export function SortableTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowClassName,
  initialSort,
  className,
  pageSize,
  what = 'rows',
}: {
  caption: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  rowClassName?: (row: T) => string | undefined;
  initialSort?: { key: string; direction: Direction };
  className?: string;
  /** Rows rendered per page (all rows are sorted first); default: all. */
  pageSize?: number;
  /** What a row is, for the "Show N more" button. */
  what?: string;
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
  const paged = usePaged(sorted, pageSize ?? Number.MAX_SAFE_INTEGER);

  const toggle = (col: Column<T>) => {
    setSort((old) => {
      if (old?.key === col.key) {
        return { key: col.key, direction: old.direction === 'ascending' ? 'descending' : 'ascending' };
      }
      return { key: col.key, direction: col.descendingFirst ? 'descending' : 'ascending' };
    });
  };

  return (
    <div className="table-scroll">
      <table className={`data-table${className ? ` ${className}` : ''}`}>
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
          {paged.visible.map((row, i) => (
            <tr key={rowKey(row, i)} className={rowClassName?.(row)}>
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
          ))}
        </tbody>
      </table>
      {pageSize !== undefined ? <ShowMoreButton more={paged.more} page={pageSize} onClick={paged.showMore} what={what} /> : null}
    </div>
  );
}
