// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import { MemorySection } from '../../src/components/memory/MemorySection';
import poolSample from '../../src/samples/pool-fbnetflt-nonpaged-leak.txt?raw';
import s03 from '../fixtures/seeds/s03-7f-double-fault-nonpaged-exhaustion.txt?raw';
import s14 from '../fixtures/seeds/s14-paged-pool-leak-se-tag.txt?raw';
import { makeReport, renderWithApp } from '../render';

/** The figure titled `title`, switched to its table view. */
async function tableOf(user: ReturnType<typeof renderWithApp>['user'], title: string) {
  const figure = screen.getByRole('figure', { name: title });
  await user.click(within(figure).getByRole('button', { name: 'Table' }));
  return figure;
}

describe('MemorySection', () => {
  it('shows non-paged pool past the exhaustion threshold, with a table view of used, maximum and share (s03)', async () => {
    const report = analyze(s03);
    const { user } = renderWithApp(<MemorySection report={report} />, { report });
    const region = screen.getByRole('region', { name: 'Memory' });
    expect(within(region).getByText(/Non-paged pool at 99\.99%: past the exhaustion threshold \(90%\)/)).toBeInTheDocument();
    expect(within(region).getByText('Excessive NonPaged Pool Usage')).toBeInTheDocument();
    const figure = await tableOf(user, 'Pool and commit against their maximum');
    const row = within(figure).getByRole('row', { name: /Non-paged pool/ });
    expect(row).toHaveTextContent('2.9 GB');
    expect(row).toHaveTextContent('99.99%');
    expect(row).toHaveClass('is-over');
  });

  it('switches between chart and table with pressed-state buttons', async () => {
    const report = analyze(s03);
    const { user } = renderWithApp(<MemorySection report={report} />, { report });
    const figure = screen.getByRole('figure', { name: 'Pool and commit against their maximum' });
    const chart = within(figure).getByRole('button', { name: 'Chart' });
    const table = within(figure).getByRole('button', { name: 'Table' });
    expect(chart).toHaveAttribute('aria-pressed', 'true');
    expect(within(figure).queryByRole('table')).toBeNull();
    await user.click(table);
    expect(table).toHaveAttribute('aria-pressed', 'true');
    expect(chart).toHaveAttribute('aria-pressed', 'false');
    expect(within(figure).getByRole('table')).toBeInTheDocument();
  });

  it('shows each paged pool, and the top paged pool tags with their owners (s14)', async () => {
    const report = analyze(s14);
    const { user } = renderWithApp(<MemorySection report={report} />, { report });
    const pools = await tableOf(user, 'Usage per paged pool');
    expect(within(pools).getAllByRole('row')).toHaveLength(6);
    expect(within(pools).getByRole('row', { name: /Paged pool 0/ })).toHaveTextContent('262 MB');
    const tags = await tableOf(user, 'Top paged pool tags');
    const se = within(tags).getAllByRole('row')[1]!;
    expect(se).toHaveTextContent('Se');
    expect(se).toHaveTextContent('nt!se');
    expect(se).toHaveTextContent('General security allocations');
    expect(se).toHaveTextContent('221.9 MB');
  });

  it('marks a pool tag owned outside Windows and lists per-process private memory (pool leak sample)', async () => {
    const report = analyze(poolSample);
    const { user } = renderWithApp(<MemorySection report={report} />, { report });
    const tags = await tableOf(user, 'Top non-paged pool tags');
    const top = within(tags).getAllByRole('row')[1]!;
    expect(top).toHaveTextContent('FbFc');
    expect(within(top).getByText('fbnetflt.sys')).toHaveClass('owner-third');
    expect(within(tags).getByRole('row', { name: /TcpE/ })).not.toContainHTML('owner-third');
    const processes = await tableOf(user, 'Private memory per process');
    expect(within(processes).getAllByRole('row')[1]).toHaveTextContent('sqlservr.exe');
    expect(within(processes).getAllByRole('row')[1]).toHaveTextContent('239.1 MB');
  });

  it('lists the pool page around an address with the block asked about marked (pool leak sample)', () => {
    const report = analyze(poolSample);
    renderWithApp(<MemorySection report={report} />, { report });
    const table = screen.getByRole('table', { name: /Pool blocks around fffffa8019c4e3b0/ });
    const current = within(table).getByRole('row', { name: /asked about/ });
    expect(current).toHaveTextContent('fffffa8019c4e920');
    expect(current).toHaveTextContent('FbFc');
  });

  it('names the owner of a tag the debugger did not, from the pool tag table', async () => {
    const report = makeReport({
      memory: {
        vm: [],
        pools: [],
        poolUsed: [{ sortedBy: 'nonpaged', tags: [{ tag: 'Toke', nonPagedAllocs: 0, nonPagedBytes: 4096, pagedAllocs: 0, pagedBytes: 0, line: 3 }] }],
      },
    });
    const { user } = renderWithApp(<MemorySection report={report} />, { report });
    const tags = await tableOf(user, 'Top non-paged pool tags');
    await waitFor(() => expect(within(tags).getAllByRole('row')[1]).toHaveTextContent('nt!se'));
  });

  it('renders nothing without memory data', () => {
    const report = makeReport();
    renderWithApp(<MemorySection report={report} />, { report });
    expect(screen.queryByRole('region', { name: 'Memory' })).toBeNull();
  });
});
