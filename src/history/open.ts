/** Pick the best storage the browser allows: IndexedDB, else localStorage, else memory. */
import { createLocalStorageBackend, createMemoryBackend, openIndexedDbBackend, type KvBackend } from './backend';
import { createLocalStore, type LocalStore } from './local-store';

/** IndexedDB normally opens in milliseconds; some private modes never answer. */
const OPEN_TIMEOUT_MS = 2000;

function usableLocalStorage(): Storage | null {
  try {
    const s = globalThis.localStorage;
    const probe = 'dumplens.probe';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

async function openBackend(): Promise<KvBackend> {
  try {
    return await Promise.race([
      openIndexedDbBackend(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('IndexedDB did not open in time')), OPEN_TIMEOUT_MS)),
    ]);
  } catch {
    const ls = usableLocalStorage();
    return ls !== null ? createLocalStorageBackend(ls) : createMemoryBackend();
  }
}

/** The store of the draft and history. Never rejects. */
export async function openLocalStore(): Promise<LocalStore> {
  return createLocalStore(await openBackend());
}
