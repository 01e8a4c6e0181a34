// @vitest-environment jsdom
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
import { startPersistence, STORAGE_NOTICE_KEY, type Persistence } from '../../../src/history/persistence';
import { createSessionDraft } from '../../../src/history/tab';
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
    writeBatch(area: Parameters<KvBackend['writeBatch']>[0], batch: Parameters<KvBackend['writeBatch']>[1]) {
      return b.failing ? Promise.reject(b.failing) : inner.writeBatch(area, batch);
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
    expect(await local.loadDraft('default')).toBeNull();
    await settle();
    expect(await local.loadDraft('default')).toMatchObject({ text: S04, sourceName: 's04.txt' });
    store.getState().setText('');
    await settle();
    expect((await local.loadDraft('default'))?.text).toBe('');
  });

  it('is saved at once on flush (the tab is being hidden or closed)', async () => {
    store.getState().setText('kd> k');
    await persistence.flush();
    expect((await local.loadDraft('default'))?.text).toBe('kd> k');
  });

  it('that cannot be saved anywhere raises an error notice, which goes once saving works again', async () => {
    backend.failing = new StorageError('quota', 'The browser’s storage for this site is full.');
    store.getState().setText('kd> k');
    await settle();
    const notice = store.getState().notices.find((n) => n.key === STORAGE_NOTICE_KEY);
    expect(notice).toMatchObject({ tone: 'error', title: 'Your text is not being saved' });
    expect(notice?.message).toMatch(/storage for this site is full.*copy it somewhere safe/);
    expect(store.getState().text).toBe('kd> k');
    backend.failing = null;
    store.getState().setText('kd> kv');
    await settle();
    expect(store.getState().notices).toEqual([]);
    expect((await local.loadDraft('default'))?.text).toBe('kd> kv');
  });
});

/** A Map-backed sessionStorage (what jsdom-free tests lack). */
function memoryStorage(limitChars = Infinity): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem(k, v) {
      if (v.length > limitChars) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      map.set(k, String(v));
    },
    removeItem: (k) => void map.delete(k),
    clear: () => map.clear(),
  };
}

describe('text kept when storage fails or the page goes', () => {
  const FULL = new StorageError('quota', 'The browser’s storage for this site is full.');

  it('text typed after IndexedDB fails is kept in the tab’s sessionStorage, with one notice that says so', async () => {
    persistence.stop();
    const session = createSessionDraft(memoryStorage());
    persistence = startPersistence(store, local, { draftDelayMs: 100, historyDelayMs: 200, session, tab: () => 'tab-a' });
    store.getState().loadText(S04, 's04.txt');
    await settle();
    backend.failing = FULL;
    store.getState().setText(`${S04}\nkd> lm`);
    await settle();
    store.getState().setText(`${S04}\nkd> lm\nkd> !thread`);
    await settle();
    // Kept: the last text, where a reload of the tab finds it.
    expect(session.read()).toMatchObject({ text: `${S04}\nkd> lm\nkd> !thread`, sourceName: 's04.txt' });
    // One notice (the History entry failed too), and it does not tell the user the text is lost.
    expect(store.getState().notices).toHaveLength(1);
    expect(store.getState().notices[0]).toMatchObject({ key: STORAGE_NOTICE_KEY, tone: 'warning', title: 'Your text is kept in this tab only' });
    expect(store.getState().notices[0]?.message).toMatch(/survives a reload of this tab, but not closing it/);
    // Storage works again: the draft is saved, the copy and the notice go.
    backend.failing = null;
    store.getState().setText(`${S04}\nkd> lm\nkd> !thread\nkd> k`);
    await settle();
    expect(await local.loadDraft('tab-a')).toMatchObject({ text: `${S04}\nkd> lm\nkd> !thread\nkd> k` });
    expect(session.read()).toBeNull();
    expect(store.getState().notices).toEqual([]);
  });

  it('a text too long for sessionStorage is said to be kept only in the page', async () => {
    persistence.stop();
    const session = createSessionDraft(memoryStorage(), 10);
    persistence = startPersistence(store, local, { draftDelayMs: 100, session });
    backend.failing = FULL;
    store.getState().setText('kd> k\n'.repeat(10));
    await settle();
    expect(store.getState().notices).toEqual([expect.objectContaining({ tone: 'error', title: 'Your text is not being saved' })]);
  });

  it('an edit not saved yet is copied synchronously when the page goes (a reload right after typing)', () => {
    persistence.stop();
    const session = createSessionDraft(memoryStorage());
    persistence = startPersistence(store, local, { draftDelayMs: 500, session });
    store.getState().setText('kd> k');
    // No time passes: the IndexedDB save has not even started.
    window.dispatchEvent(new Event('pagehide'));
    expect(session.read()).toMatchObject({ text: 'kd> k' });
  });

  it('nothing is copied when the page goes with everything saved', async () => {
    persistence.stop();
    const session = createSessionDraft(memoryStorage());
    persistence = startPersistence(store, local, { draftDelayMs: 100, session });
    store.getState().setText('kd> k');
    await settle();
    persistence.saveLastChance();
    expect(session.read()).toBeNull();
  });

  it('each tab saves under its own name', async () => {
    const second = startPersistence(store, local, { draftDelayMs: 100, tab: () => 'tab-b' });
    store.getState().setText('kd> k');
    await settle();
    second.stop();
    expect(await local.loadDraft('tab-b')).toMatchObject({ text: 'kd> k', tab: 'tab-b' });
    expect(await local.loadDraft('default')).toMatchObject({ text: 'kd> k', tab: 'default' });
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
    // One notice, saying where the text is and what History lacks (no sessionStorage here).
    expect(store.getState().notices).toHaveLength(1);
    const notice = store.getState().notices[0];
    expect(notice).toMatchObject({ key: STORAGE_NOTICE_KEY, tone: 'error', title: 'Your text is not being saved' });
    expect(notice?.message).toMatch(/kept only in this page.*delete old entries there to make room/);
    expect(store.getState().text).toBe(S04);
  });

  it('that cannot be written while the draft is saved says the text itself is saved', async () => {
    const historyOnly = flakyBackend();
    const failingHistory = { ...historyOnly, writeBatch: (area: Parameters<KvBackend['writeBatch']>[0], batch: Parameters<KvBackend['writeBatch']>[1]) => (area === 'history-text' ? Promise.reject(new StorageError('quota', 'The browser’s storage for this site is full.')) : historyOnly.writeBatch(area, batch)) };
    persistence.stop();
    persistence = startPersistence(store, createLocalStore(failingHistory), { draftDelayMs: 100, historyDelayMs: 200 });
    store.getState().loadText(S04, 's04.txt');
    await settle();
    expect(store.getState().notices).toEqual([
      expect.objectContaining({ key: STORAGE_NOTICE_KEY, tone: 'warning', title: 'This analysis could not be kept in History', message: expect.stringMatching(/Delete old entries.*Your text itself is saved/) }),
    ]);
  });
});
