// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import { ThreadsSection } from '../../src/components/threads/ThreadsSection';
import hangSample from '../../src/samples/hang-contososync-cs-deadlock.txt?raw';
import s04 from '../fixtures/seeds/s04-9f-power-irp-zteusbnet.txt?raw';
import s09 from '../fixtures/seeds/s09-hang-vmms-critsec-ndis-miniport.txt?raw';
import s32 from '../fixtures/sessions/32-hang-cs-lock-order-deadlock-wait2.txt?raw';
import { makeReport, renderWithApp } from '../render';

const lockCard = (name: string) => screen.getAllByRole('listitem').find((li) => li.classList.contains('lock') && li.textContent?.startsWith(name))!;

describe('ThreadsSection', () => {
  it('shows ERESOURCE owners with the chain from the waiters to the owner and what the owner is doing (s04)', () => {
    const report = analyze(s04);
    renderWithApp(<ThreadsSection report={report} />, { report });
    const card = lockCard('nt!PiEngineLock');
    expect(card).toHaveTextContent('ERESOURCE');
    expect(card).toHaveTextContent('exclusive');
    const chain = within(card).getByRole('list', { name: /From the waiters of nt!PiEngineLock to its owner/ });
    const steps = within(chain).getAllByRole('listitem').map((li) => li.textContent);
    expect(steps).toEqual([
      '1 waiting thread',
      expect.stringContaining('held by fffffa8007005660'),
      'itself waiting, in ZTEusbnet+0x35dd',
    ]);
    expect(within(card).getByText('Contention')).toBeInTheDocument();
    expect(within(card).getByText('21')).toBeInTheDocument();
  });

  it('lists threads with state, wait reason, wait duration, IRPs and owning process (s04)', () => {
    const report = analyze(s04);
    renderWithApp(<ThreadsSection report={report} />, { report });
    const table = screen.getByRole('table', { name: 'Threads' });
    const row = within(table).getAllByRole('row')[1]!;
    expect(row).toHaveTextContent('fffffa8007005660');
    expect(row).toHaveTextContent('Cid 0004.0048');
    expect(row).toHaveTextContent('System');
    expect(row).toHaveTextContent('WAIT');
    expect(row).toHaveTextContent('Executive, KernelMode');
    expect(row).toHaveTextContent('0:00:10:00.026');
    expect(row).toHaveTextContent('fffffa8008f5cc10');
  });

  it('links a lock owner to its stack in the Stacks section', async () => {
    const report = analyze(s04);
    const { store, user } = renderWithApp(<ThreadsSection report={report} />, { report });
    const card = lockCard('nt!PiEngineLock');
    await user.click(within(card).getByRole('button', { name: 'Show the stack of thread fffffa8007005660' }));
    expect(store.getState().stackFocus?.line).toBe(report.threads[0]!.stack!.line);
  });

  it('counts the 104 threads waiting for a critical section and shows its owner (s09)', () => {
    const report = analyze(s09);
    renderWithApp(<ThreadsSection report={report} />, { report });
    const card = lockCard('92cf31fb38');
    expect(card).toHaveTextContent('Critical section');
    expect(within(card).getByText('104 waiting threads')).toBeInTheDocument();
    expect(card).toHaveTextContent('held by 43d8');
    expect(screen.getByRole('table', { name: 'Processes' })).toHaveTextContent('vmms.exe');
  });

  it('follows both owners of a deadlock to their own waits (hang sample)', () => {
    const report = analyze(hangSample);
    renderWithApp(<ThreadsSection report={report} />, { report });
    const pool = lockCard('fabrikamdb!g_ConnectionPoolLock');
    expect(pool).toHaveTextContent('9 waiting threads');
    expect(pool).toHaveTextContent('itself waiting, in fabrikamdb!StatementCache::Lookup');
    const cache = lockCard('fabrikamdb!g_StatementCacheLock');
    expect(cache).toHaveTextContent('itself waiting, in fabrikamdb!ConnectionPool::Acquire');
    expect(within(cache).getByRole('button', { name: 'Show the stack of thread 1d04' })).toBeInTheDocument();
  });

  it('shows a lock reported by several commands once, with every line it appears on, and folds free locks (session 32)', async () => {
    const report = analyze(s32);
    const { user } = renderWithApp(<ThreadsSection report={report} />, { report });
    const region = screen.getByRole('region', { name: 'Threads & locks' });
    expect(within(region).getByRole('heading', { name: 'Locks 6' })).toBeInTheDocument();
    const console = lockCard('Wait2!consoleCritSection');
    expect(within(console).getAllByRole('button', { name: /Show line \d+ in the editor/ }).length).toBeGreaterThan(1);
    const free = within(region).getByText('4 locks not held');
    expect(free.closest('details')).not.toHaveAttribute('open');
    await user.click(free);
    expect(free.closest('details')).toHaveAttribute('open');
  });

  it('renders nothing without threads, locks or processes', () => {
    const report = makeReport();
    renderWithApp(<ThreadsSection report={report} />, { report });
    expect(screen.queryByRole('region', { name: 'Threads & locks' })).toBeNull();
  });
});
