// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SortableTable, VIRTUAL_FROM, type Column } from '../../src/components/results/SortableTable';

interface Row {
  name: string;
  size: number;
}

const COLUMNS: Column<Row>[] = [
  { key: 'name', label: 'Name', render: (r) => r.name, sortValue: (r) => r.name, rowHeader: true },
  { key: 'size', label: 'Size', render: (r) => String(r.size), sortValue: (r) => r.size, descendingFirst: true },
];

const rowsOf = (n: number): Row[] => Array.from({ length: n }, (_, i) => ({ name: `drv${String(i).padStart(6, '0')}`, size: (i * 7919) % 100_003 }));

describe('SortableTable', () => {
  // jsdom has no layout: give the scroll box a screenful.
  const box = Object.getOwnPropertyDescriptor(Element.prototype, 'clientHeight');
  beforeAll(() => {
    Object.defineProperty(Element.prototype, 'clientHeight', { configurable: true, get: () => 640 });
  });
  afterAll(() => {
    if (box) {
      Object.defineProperty(Element.prototype, 'clientHeight', box);
    }
  });
  afterEach(cleanup);

  it('renders every row of a short table, with no scroll box of its own', () => {
    render(<SortableTable caption="Modules" columns={COLUMNS} rows={rowsOf(12)} rowKey={(r) => r.name} />);
    expect(screen.getAllByRole('row')).toHaveLength(13);
    expect(screen.queryByRole('region')).toBeNull();
  });

  it('renders only the rows in view of a long table, and says how many there are', () => {
    const rows = rowsOf(100_000);
    render(<SortableTable caption="Modules" columns={COLUMNS} rows={rows} rowKey={(r) => r.name} />);
    const box = screen.getByRole('region', { name: 'Modules: 100,000 rows, scroll to see more' });
    expect(box).toHaveAttribute('tabindex', '0');
    expect(within(box).getByRole('table')).toHaveAttribute('aria-rowcount', '100001');
    const shown = within(box).getAllByRole('row').filter((r) => r.getAttribute('aria-hidden') !== 'true');
    expect(shown.length).toBeGreaterThan(10);
    expect(shown.length).toBeLessThan(100);
    // Rows carry their place in the whole table.
    expect(shown[1]).toHaveAttribute('aria-rowindex', '2');
  });

  it('sorts the whole long table, not only the rows in view', async () => {
    const rows = rowsOf(VIRTUAL_FROM * 10);
    const largest = rows.reduce((a, b) => (b.size > a.size ? b : a));
    render(<SortableTable caption="Modules" columns={COLUMNS} rows={rows} rowKey={(r) => r.name} />);
    await userEvent.click(screen.getByRole('button', { name: /Size/ }));
    const first = screen.getAllByRole('row').find((r) => r.getAttribute('aria-rowindex') === '2');
    expect(first).toHaveTextContent(largest.name);
    expect(screen.getByRole('columnheader', { name: /Size/ })).toHaveAttribute('aria-sort', 'descending');
  });
});
