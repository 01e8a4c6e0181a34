// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analyzers/index';
import { HistoryButton } from '../../src/components/history/HistoryButton';
import { createMemoryBackend, StorageError, type KvBackend } from '../../src/history/backend';
import { StorageProvider } from '../../src/history/context';
import { createLocalStore, type LocalStore } from '../../src/history/local-store';
import { summarize } from '../../src/history/summary';
import { renderWithApp } from '../render';

const S04 = readFileSync(join(__dirname, '../fixtures/seeds/s04-9f-power-irp-zteusbnet.txt'), 'utf8');
const S13 = readFileSync(join(__dirname, '../fixtures/seeds/s13-109-driver-object-hook.txt'), 'utf8');

async function seeded(backend: KvBackend = createMemoryBackend()): Promise<LocalStore> {
  let t = Date.UTC(2025, 2, 12, 14, 0);
  const local = createLocalStore(backend, { now: () => (t += 60_000) });
  await local.saveHistory({ content: { kind: 'text', text: S04 }, summary: summarize(analyze(S04)), sourceName: 's04.txt' });
  await local.saveHistory({ content: { kind: 'text', text: S13 }, summary: summarize(analyze(S13)), sourceName: 's13.txt' });
  return local;
}

async function openHistory(local: LocalStore) {
  const result = renderWithApp(
    <StorageProvider services={{ local, persistence: null }}>
      <HistoryButton />
    </StorageProvider>,
    { text: 'kd> k' },
  );
  await result.user.click(screen.getByRole('button', { name: 'History' }));
  const drawer = screen.getByRole('dialog', { name: 'History' });
  return { ...result, drawer };
}

describe('History', () => {
  it('lists recent analyses, newest first, by bug check, suspect and date', async () => {
    const { drawer } = await openHistory(await seeded());
    const list = await within(drawer).findByRole('list', { name: 'Recent analyses' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('.history-title')?.textContent)).toEqual([
      'CRITICAL_STRUCTURE_CORRUPTION · vicm',
      'DRIVER_POWER_STATE_FAILURE · ZTEusbnet',
    ]);
    expect(items[1]).toHaveTextContent('178 lines · s04.txt');
    expect(within(items[1]!).getByText(/Mar 2025/)).toBeInTheDocument();
  });

  it('reopens an entry into the editor and closes', async () => {
    const { drawer, user, store } = await openHistory(await seeded());
    await user.click(await within(drawer).findByRole('button', { name: /^Open DRIVER_POWER_STATE_FAILURE · ZTEusbnet, / }));
    await waitFor(() => expect(store.getState().text).toBe(S04));
    expect(store.getState().sourceName).toBe('s04.txt');
    expect(screen.queryByRole('dialog', { name: 'History' })).toBeNull();
  });

  it('reopens a shared analysis (analysis only) as the shared report', async () => {
    const local = createLocalStore(createMemoryBackend());
    const report = analyze(S13);
    await local.saveHistory({ content: { kind: 'report', report }, summary: summarize(report), sourceName: 'Shared analysis', redacted: true });
    const { drawer, user, store } = await openHistory(local);
    expect(await within(drawer).findByText(/shared analysis/)).toBeInTheDocument();
    await user.click(within(drawer).getByRole('button', { name: /^Open CRITICAL_STRUCTURE_CORRUPTION · vicm/ }));
    await waitFor(() => expect(store.getState().sharedReport).toEqual({ report, title: 'CRITICAL_STRUCTURE_CORRUPTION · vicm', redacted: true, summary: null }));
    expect(store.getState().text).toBe('kd> k');
  });

  it('shows an entry saved with a huge title (before titles were capped) clipped', async () => {
    const local = createLocalStore(createMemoryBackend());
    const report = analyze(S13);
    const huge = 'T'.repeat(1 << 20);
    await local.saveHistory({ content: { kind: 'report', report }, summary: { ...summarize(report), headline: huge }, sourceName: huge, redacted: false });
    const { drawer } = await openHistory(local);
    const item = (await within(drawer).findAllByRole('listitem'))[0]!;
    expect(item.textContent!.length).toBeLessThan(1000);
    expect(within(item).getAllByRole('button')[0]!.getAttribute('aria-label')!.length).toBeLessThan(400);
  });

  it('deletes one entry, and clears all only after confirmation', async () => {
    const local = await seeded();
    const { drawer, user } = await openHistory(local);
    await user.click(await within(drawer).findByRole('button', { name: /^Delete DRIVER_POWER_STATE_FAILURE/ }));
    await waitFor(() => expect(within(drawer).getAllByRole('listitem')).toHaveLength(1));
    await user.click(within(drawer).getByRole('button', { name: 'Clear all…' }));
    expect(within(drawer).getByText('Delete the one entry?')).toBeInTheDocument();
    await user.click(within(drawer).getByRole('button', { name: 'Keep them' }));
    expect(within(drawer).getAllByRole('listitem')).toHaveLength(1);
    await user.click(within(drawer).getByRole('button', { name: 'Clear all…' }));
    await user.click(within(drawer).getByRole('button', { name: 'Delete all' }));
    expect(await within(drawer).findByText(/No analyses yet/)).toBeInTheDocument();
    expect(await local.listHistory()).toEqual([]);
  });

  it('reports storage that cannot be read instead of showing an empty list', async () => {
    const broken = { ...createMemoryBackend(), values: () => Promise.reject(new StorageError('unavailable', 'The browser does not allow this site to store data.')) };
    const { drawer } = await openHistory(createLocalStore(broken));
    expect(await within(drawer).findByRole('alert')).toHaveTextContent('The history cannot be read: The browser does not allow this site to store data.');
  });
});
