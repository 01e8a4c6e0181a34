/**
 * The draft and History on the storage backends: save, list newest first,
 * reuse an entry for the same text, prune past the limit, delete, clear,
 * change notifications, and storage errors turned into messages for people.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { analyze } from '../../../src/analyzers/index';
import {
  createLocalStorageBackend,
  createMemoryBackend,
  openIndexedDbBackend,
  StorageError,
  toStorageError,
  type KvBackend,
} from '../../../src/history/backend';
import { contentHash, createLocalStore, MAX_DRAFTS, storageLimitation, TEXT_PART_CHARS } from '../../../src/history/local-store';
import { summarize } from '../../../src/history/summary';

const S04 = readFileSync(join(__dirname, '../../fixtures/seeds/s04-9f-power-irp-zteusbnet.txt'), 'utf8');
const S13 = readFileSync(join(__dirname, '../../fixtures/seeds/s13-109-driver-object-hook.txt'), 'utf8');

function clock(start = 1_700_000_000_000) {
  let t = start;
  return () => (t += 1000);
}

function entry(text: string) {
  return { content: { kind: 'text' as const, text }, summary: summarize(analyze(text)), sourceName: 'crash.log' };
}

/** A Map-backed `Storage` that can be made to throw like a full one. */
function fakeStorage(limitChars = Infinity): Storage {
  const map = new Map<string, string>();
  const used = () => [...map].reduce((n, [k, v]) => n + k.length + v.length, 0);
  return {
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem(k, v) {
      if (used() - (map.get(k)?.length ?? 0) + v.length > limitChars) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      map.set(k, String(v));
    },
    removeItem: (k) => void map.delete(k),
    clear: () => map.clear(),
  };
}

describe.each<[string, () => KvBackend]>([
  ['memory', createMemoryBackend],
  ['localStorage', () => createLocalStorageBackend(fakeStorage())],
])('the local store on %s', (_name, makeBackend) => {
  it('keeps the draft and gives it back', async () => {
    const local = createLocalStore(makeBackend());
    expect(await local.loadDraft('tab-a')).toBeNull();
    await local.saveDraft('tab-a', { text: 'kd> k', sourceName: null, savedAt: 5 });
    expect(await local.loadDraft('tab-a')).toEqual({ text: 'kd> k', sourceName: null, savedAt: 5, tab: 'tab-a' });
  });

  it('keeps one draft per tab: a tab never overwrites another tab’s text', async () => {
    const local = createLocalStore(makeBackend());
    await local.saveDraft('tab-a', { text: 'text of A', sourceName: 'a.log', savedAt: 5 });
    await local.saveDraft('tab-b', { text: 'text of B', sourceName: null, savedAt: 6 });
    await local.saveDraft('tab-a', { text: 'text of A, edited', sourceName: 'a.log', savedAt: 7 });
    expect(await local.loadDraft('tab-a')).toMatchObject({ text: 'text of A, edited', tab: 'tab-a' });
    expect(await local.loadDraft('tab-b')).toMatchObject({ text: 'text of B', tab: 'tab-b' });
    // A new tab starts from the newest draft (it saves under its own name from then on).
    expect(await local.loadDraft('tab-new')).toMatchObject({ text: 'text of A, edited', tab: 'tab-a' });
  });

  it('stores a long text in parts cut at line ends, and gives it back whole', async () => {
    const backend = makeBackend();
    const local = createLocalStore(backend);
    // Lines of CRLF, a surrogate pair and a long run with no line break at all.
    const text = `${'fffff880`03bd22c0 nt!KiSwapContext+0x7a \u{1F600}\r\n'.repeat(40_000)}${'x'.repeat(TEXT_PART_CHARS * 2)}\r\nend`;
    await local.saveDraft('tab-a', { text, sourceName: null, savedAt: 1 });
    const parts = await backend.valuesWithPrefix<string>('draft', 'text:tab-a#');
    expect(parts.length).toBeGreaterThan(3);
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThanOrEqual(TEXT_PART_CHARS + 1);
    expect((await local.loadDraft('tab-a'))?.text).toBe(text);
    // A shorter text replaces every part of the longer one.
    await local.saveDraft('tab-a', { text: 'short', sourceName: null, savedAt: 2 });
    expect(await backend.valuesWithPrefix('draft', 'text:tab-a#')).toEqual(['short']);
    // History texts too.
    const meta = await local.saveHistory(entry(text));
    expect(await local.openHistory(meta.id)).toEqual({ kind: 'text', text });
  });

  it('ignores a draft whose parts do not add up, and reads the draft of an older dumplens', async () => {
    const backend = makeBackend();
    const local = createLocalStore(backend);
    await backend.set('draft', 'current', { text: 'from before tabs', sourceName: 'old.log', savedAt: 3 });
    expect(await local.loadDraft('tab-a')).toMatchObject({ text: 'from before tabs', sourceName: 'old.log', tab: 'current' });
    await local.saveDraft('tab-a', { text: 'kd> k', sourceName: null, savedAt: 5 });
    await backend.delete('draft', 'text:tab-a#000000');
    expect(await local.loadDraft('tab-a')).toMatchObject({ text: 'from before tabs' });
    // History entries stored whole by an older dumplens still open.
    await backend.set('history-text', 'old-entry', { kind: 'text', text: 'kd> !analyze -v' });
    expect(await local.openHistory('old-entry')).toEqual({ kind: 'text', text: 'kd> !analyze -v' });
  });

  it('drops the drafts of tabs closed long ago, never the current tab’s', async () => {
    const backend = makeBackend();
    const local = createLocalStore(backend);
    await backend.set('draft', 'current', { text: 'legacy', sourceName: null, savedAt: 0 });
    await local.saveDraft('mine', { text: 'mine', sourceName: null, savedAt: 1 });
    for (let i = 0; i < MAX_DRAFTS + 3; i++) {
      await local.saveDraft(`tab-${i}`, { text: `tab ${i}`, sourceName: null, savedAt: 10 + i });
    }
    await local.pruneDrafts('mine');
    expect(await local.loadDraft('mine')).toMatchObject({ text: 'mine' });
    const metas = await backend.valuesWithPrefix<{ tab: string }>('draft', 'meta:');
    expect(metas).toHaveLength(MAX_DRAFTS);
    expect(metas.map((m) => m.tab)).not.toContain('tab-0');
    expect(await backend.get('draft', 'current')).toBeUndefined();
    expect(await backend.valuesWithPrefix('draft', 'text:tab-0#')).toEqual([]);
  });

  it('lists History newest first, titled by bug check and top suspect, without the texts', async () => {
    const local = createLocalStore(makeBackend(), { now: clock() });
    await local.saveHistory(entry(S04));
    await local.saveHistory(entry(S13));
    const list = await local.listHistory();
    expect(list.map((m) => m.title)).toEqual(['CRITICAL_STRUCTURE_CORRUPTION · vicm', 'DRIVER_POWER_STATE_FAILURE · ZTEusbnet']);
    expect(list[0]).not.toHaveProperty('text');
    expect(list[1]!.summary.bugcheck).toBe('DRIVER_POWER_STATE_FAILURE (0x0000009F)');
    expect(await local.openHistory(list[1]!.id)).toEqual({ kind: 'text', text: S04 });
  });

  it('reuses the entry of the same text and moves it to the top', async () => {
    const local = createLocalStore(makeBackend(), { now: clock() });
    const first = await local.saveHistory(entry(S04));
    await local.saveHistory(entry(S13));
    const again = await local.saveHistory(entry(S04));
    expect(again.id).toBe(first.id);
    const list = await local.listHistory();
    expect(list).toHaveLength(2);
    expect(list[0]!.id).toBe(first.id);
  });

  it('replaces the entry named by id (an editing session) instead of adding one', async () => {
    const local = createLocalStore(makeBackend(), { now: clock() });
    const meta = await local.saveHistory(entry('kd> k\n'));
    await local.saveHistory({ ...entry(S04), id: meta.id });
    const list = await local.listHistory();
    expect(list).toHaveLength(1);
    expect(await local.openHistory(meta.id)).toEqual({ kind: 'text', text: S04 });
  });

  it('drops the oldest entries past the limit', async () => {
    const local = createLocalStore(makeBackend(), { now: clock(), maxHistory: 3 });
    for (let i = 0; i < 5; i++) {
      await local.saveHistory(entry(`kd> k\n${i}`));
    }
    const list = await local.listHistory();
    expect(list).toHaveLength(3);
    const texts = await Promise.all(list.map(async (m) => ((await local.openHistory(m.id)) as { text: string }).text));
    expect(texts).toEqual(['kd> k\n4', 'kd> k\n3', 'kd> k\n2']);
  });

  it('deletes one entry, clears all, and tells subscribers each time', async () => {
    const local = createLocalStore(makeBackend(), { now: clock() });
    const listener = vi.fn();
    local.subscribe(listener);
    const a = await local.saveHistory(entry(S04));
    await local.saveHistory(entry(S13));
    await local.deleteHistory(a.id);
    expect((await local.listHistory()).map((m) => m.title)).toEqual(['CRITICAL_STRUCTURE_CORRUPTION · vicm']);
    expect(await local.openHistory(a.id)).toBeNull();
    await local.clearHistory();
    expect(await local.listHistory()).toEqual([]);
    expect(listener).toHaveBeenCalledTimes(4);
  });

  it('keeps a shared report (analysis only) as its own kind of entry', async () => {
    const local = createLocalStore(makeBackend(), { now: clock() });
    const report = analyze(S13);
    const meta = await local.saveHistory({ content: { kind: 'report', report }, summary: summarize(report), sourceName: null, redacted: true });
    expect(meta).toMatchObject({ kind: 'report', size: 0, redacted: true });
    expect(await local.openHistory(meta.id)).toEqual({ kind: 'report', report });
  });
});

describe('storage errors', () => {
  it('a full localStorage rejects the save with a quota error that says so', async () => {
    const local = createLocalStore(createLocalStorageBackend(fakeStorage(1000)));
    await local.saveDraft('tab', { text: 'kd> k', sourceName: null, savedAt: 0 });
    const err = await local.saveDraft('tab', { text: 'x'.repeat(5000), sourceName: null, savedAt: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).kind).toBe('quota');
    expect((err as StorageError).message).toMatch(/storage for this site is full/);
    // All or nothing: the draft that was there is still whole.
    expect(await local.loadDraft('tab')).toMatchObject({ text: 'kd> k', savedAt: 0 });
  });

  it('are classified: quota, unavailable (private mode), anything else', () => {
    expect(toStorageError(new DOMException('x', 'QuotaExceededError')).kind).toBe('quota');
    expect(toStorageError({ name: 'NS_ERROR_DOM_QUOTA_REACHED', message: '' }).kind).toBe('quota');
    expect(toStorageError(new DOMException('denied', 'SecurityError')).kind).toBe('unavailable');
    const other = toStorageError(new Error('disk on fire'));
    expect(other.kind).toBe('failed');
    expect(other.message).toContain('disk on fire');
  });

  it('a browser without IndexedDB is reported, not thrown', async () => {
    await expect(openIndexedDbBackend(undefined)).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('an IndexedDB that refuses to open (private mode) is reported as unavailable', async () => {
    const factory = {
      open() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    } as unknown as IDBFactory;
    await expect(openIndexedDbBackend(factory)).rejects.toMatchObject({ kind: 'unavailable' });
  });

  it('say what is lost when storage is limited', () => {
    expect(storageLimitation('indexeddb')).toBeNull();
    expect(storageLimitation('local-storage')).toMatch(/localStorage/);
    expect(storageLimitation('memory')).toMatch(/lost when this tab is closed or reloaded/);
  });
});

describe('contentHash', () => {
  it('tells texts apart by length and content, and kinds apart', () => {
    expect(contentHash({ kind: 'text', text: 'abc' })).toBe(contentHash({ kind: 'text', text: 'abc' }));
    expect(contentHash({ kind: 'text', text: 'abc' })).not.toBe(contentHash({ kind: 'text', text: 'abd' }));
    expect(contentHash({ kind: 'text', text: 'abc' })).toMatch(/^text:3:[0-9a-f]{8}$/);
  });
});
