/**
 * Autosave while the app runs: the draft a moment after each change, one
 * History entry per editing session, samples left out, and failures shown
 * as notices instead of silently losing text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vi } from 'vitest';
import { analyze } from '../../../src/analyzers/index';
import { createMemoryBackend, StorageError, type KvBackend } from '../../../src/history/backend';
import { createLocalStore, type LocalStore } from '../../../src/history/local-store';
import { DRAFT_NOTICE_KEY, HISTORY_NOTICE_KEY, startPersistence, type Persistence } from '../../../src/history/persistence';
import { createAppStore, type AppStore } from '../../../src/store/app-store';
import type { AnalyzerClient } from '../../../src/worker/client';

const S04 = readFileSync(join(__dirname, '../../fixtures/seeds/s04-9f-power-irp-zteusbnet.txt'), 'utf8');
const S13 = readFileSync(join(__dirname, '../../fixtures/seeds/s13-109-driver-object-hook.txt'), 'utf8');
const SAMPLE = 'the built-in sample\nkd> k';

const client: AnalyzerClient = {
  analyze: (text) => Promise.resolve({ kind: 'result', report: analyze(text), ms: 1, via: 'main' }),
  readDump: () => Promise.resolve({ kind: 'superseded' }),
  dispose() {},
};

/** A backend whose writes fail while `failing` is set. */
function flakyBackend(): KvBackend & { failing: StorageError | null } {
  const inner = createMemoryBackend();
  const b = {
    ...inner,
    failing: null as StorageError | null,
    set(area: Parameters<KvBackend['set']>[0], key: string, value: unknown) {
      return b.failing ? Promise.reject(b.failing) : inner.set(area, key, value);
    },
  };
  return b;
}

let store: AppStore;
let backend: ReturnType<typeof flakyBackend>;
let local: LocalStore;
let persistence: Persistence;

beforeEach(() => {
  vi.useFakeTimers();
  store = createAppStore({ client, debounceMs: 10 });
  backend = flakyBackend();
  local = createLocalStore(backend);
  persistence = startPersistence(store, local, { draftDelayMs: 100, historyDelayMs: 200, isSample: (t) => t === SAMPLE });
});

afterEach(() => {
  persistence.stop();
  vi.useRealTimers();
});

async function settle(ms = 1000) {
  await vi.advanceTimersByTimeAsync(ms);
}

describe('the draft', () => {
  it('is saved a moment after the text changes, with its source name', async () => {
    store.getState().loadText(S04, 's04.txt');
    expect(await local.loadDraft()).toBeNull();
    await settle();
    expect(await local.loadDraft()).toMatchObject({ text: S04, sourceName: 's04.txt' });
    store.getState().setText('');
    await settle();
    expect((await local.loadDraft())?.text).toBe('');
  });

  it('is saved at once on flush (the tab is being hidden or closed)', async () => {
    store.getState().setText('kd> k');
    await persistence.flush();
    expect((await local.loadDraft())?.text).toBe('kd> k');
  });

  it('that cannot be saved raises an error notice, which goes once saving works again', async () => {
    backend.failing = new StorageError('quota', 'The browser’s storage for this site is full.');
    store.getState().setText('kd> k');
    await settle();
    const notice = store.getState().notices.find((n) => n.key === DRAFT_NOTICE_KEY);
    expect(notice).toMatchObject({ tone: 'error', title: 'Your text is not being saved in this browser' });
    expect(notice?.message).toMatch(/storage for this site is full.*copy it somewhere safe/);
    expect(store.getState().text).toBe('kd> k');
    backend.failing = null;
    store.getState().setText('kd> kv');
    await settle();
    expect(store.getState().notices).toEqual([]);
    expect((await local.loadDraft())?.text).toBe('kd> kv');
  });
});

describe('History', () => {
  it('gets one entry per editing session, updated as the text changes', async () => {
    store.getState().loadText(S04, 's04.txt');
    await settle();
    store.getState().setText(`${S04}\nkd> lm`);
    await settle();
    let list = await local.listHistory();
    expect(list).toHaveLength(1);
    expect(await local.openHistory(list[0]!.id)).toEqual({ kind: 'text', text: `${S04}\nkd> lm` });

    store.getState().loadText(S13, 's13.txt');
    await settle();
    list = await local.listHistory();
    expect(list.map((m) => m.title)).toEqual(['CRITICAL_STRUCTURE_CORRUPTION · vicm', 'DRIVER_POWER_STATE_FAILURE · ZTEusbnet']);
  });

  it('reuses the entry when the same text is opened again (reopened from History)', async () => {
    store.getState().loadText(S04, 's04.txt');
    await settle();
    store.getState().loadText(S13, 's13.txt');
    await settle();
    store.getState().loadText(S04, 's04.txt');
    await settle();
    expect(await local.listHistory()).toHaveLength(2);
  });

  it('leaves out the built-in samples and inputs that cannot be analyzed', async () => {
    store.getState().loadText(SAMPLE, 'Sample');
    await settle();
    store.getState().loadText('MDMP\u0000\u0001'.repeat(40), 'crash.dmp');
    await settle();
    expect(await local.listHistory()).toEqual([]);
  });

  it('keeps a draft that a shared link replaces, even unanalyzed', async () => {
    expect(persistence.worthKeeping(SAMPLE)).toBe(false);
    expect(persistence.worthKeeping('  ')).toBe(false);
    const meta = await persistence.keep('kd> k\nmy notes', 'notes.txt', null);
    expect(meta).toMatchObject({ title: 'Debugger session · no suspect', sourceName: 'notes.txt' });
    expect(meta?.summary.headline).toBe('Not analyzed yet.');
  });

  it('that cannot be written shows a warning notice and keeps the text', async () => {
    backend.failing = new StorageError('quota', 'The browser’s storage for this site is full.');
    store.getState().loadText(S04, 's04.txt');
    await settle();
    const notice = store.getState().notices.find((n) => n.key === HISTORY_NOTICE_KEY);
    expect(notice).toMatchObject({ tone: 'warning', title: 'This analysis could not be kept in History' });
    expect(notice?.message).toMatch(/Delete old entries in History/);
    expect(store.getState().text).toBe(S04);
  });
});
