/**
 * One draft per tab: a tab's name survives a reload (sessionStorage), a
 * duplicated tab (whose sessionStorage is a copy) takes a new one, and the
 * sessionStorage copy of the text refuses what it cannot hold.
 */
import { describe, expect, it } from 'vitest';
import { createSessionDraft, readTabId, watchTabIdentity } from '../../../src/history/tab';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
    clear: () => map.clear(),
  };
}

function copyOf(storage: Storage): Storage {
  const copy = memoryStorage();
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i)!;
    copy.setItem(k, storage.getItem(k)!);
  }
  return copy;
}

let seq = 0;
const names = () => `tab-${++seq}`;

describe('the tab name', () => {
  it('is made up once and kept across reloads', () => {
    const session = memoryStorage();
    const first = readTabId(session, names);
    expect(readTabId(session, names)).toBe(first);
    expect(readTabId(memoryStorage(), names)).not.toBe(first);
  });

  it('changes in a duplicated tab, which must not share the draft of the tab it copies', async () => {
    const channel = `dumplens-test-${Math.random()}`;
    const original = memoryStorage();
    const a = watchTabIdentity(original, { newName: names, channel: () => new BroadcastChannel(channel) });
    const nameOfA = a.id;
    // "Duplicate tab": the new tab starts with a copy of the original's sessionStorage.
    const duplicate = copyOf(original);
    const b = watchTabIdentity(duplicate, { newName: names, channel: () => new BroadcastChannel(channel) });
    expect(b.id).toBe(nameOfA);
    await expect.poll(() => b.id, { timeout: 2000 }).not.toBe(nameOfA);
    expect(a.id).toBe(nameOfA);
    expect(readTabId(duplicate, names)).toBe(b.id);
    a.stop();
    b.stop();
  });
});

describe('the sessionStorage copy of the text', () => {
  it('gives back what was written, and refuses a text over its limit', () => {
    const session = createSessionDraft(memoryStorage(), 20);
    expect(session.read()).toBeNull();
    expect(session.write({ text: 'kd> k', sourceName: 'a.log', savedAt: 3 })).toBe(true);
    expect(session.read()).toEqual({ text: 'kd> k', sourceName: 'a.log', savedAt: 3 });
    expect(session.write({ text: 'x'.repeat(21), sourceName: null, savedAt: 4 })).toBe(false);
    session.clear();
    expect(session.read()).toBeNull();
    expect(createSessionDraft(null).write({ text: 'kd> k', sourceName: null, savedAt: 0 })).toBe(false);
  });
});
