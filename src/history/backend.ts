/**
 * Key/value storage backends for what dumplens keeps in the browser (the
 * draft and the history): IndexedDB first, then localStorage, then memory.
 * Every operation may reject with a `StorageError` whose `kind` says what
 * went wrong in words the UI can show (quota exceeded, storage disabled…).
 */

/** The separate areas of storage. */
export type StorageArea = 'draft' | 'history' | 'history-text';

export const STORAGE_AREAS: readonly StorageArea[] = ['draft', 'history', 'history-text'];

/** A minimal async key/value store, one namespace per area. */
export interface KvBackend {
  readonly kind: 'indexeddb' | 'local-storage' | 'memory';
  get<T>(area: StorageArea, key: string): Promise<T | undefined>;
  set(area: StorageArea, key: string, value: unknown): Promise<void>;
  delete(area: StorageArea, key: string): Promise<void>;
  clear(area: StorageArea): Promise<void>;
  /** Every value of an area. */
  values<T>(area: StorageArea): Promise<T[]>;
  /** The values whose keys start with `prefix`, in key order. */
  valuesWithPrefix<T>(area: StorageArea, prefix: string): Promise<T[]>;
  /**
   * Delete every key that starts with `batch.clear` (when given), then write
   * `batch.entries` in order, all or nothing. IndexedDB writes the entries
   * one per task, in one transaction: each write copies its value on the main
   * thread, so a text of many megabytes is written as many small values.
   */
  writeBatch(area: StorageArea, batch: WriteBatch): Promise<void>;
}

/** What `KvBackend.writeBatch` does. */
export interface WriteBatch {
  /** Delete the keys that start with this first (a group of values being replaced). */
  clear?: string;
  entries: ReadonlyArray<readonly [key: string, value: unknown]>;
}

/** The highest key that starts with `prefix` (for key ranges): no key of ours uses U+FFFF. */
export function prefixEnd(prefix: string): string {
  return `${prefix}\uffff`;
}

/** Why storage failed. */
export type StorageErrorKind = 'quota' | 'unavailable' | 'failed';

/** A storage failure with a message for people. */
export class StorageError extends Error {
  readonly kind: StorageErrorKind;
  constructor(kind: StorageErrorKind, message: string) {
    super(message);
    this.name = 'StorageError';
    this.kind = kind;
  }
}

/** Turn whatever a storage API threw into a `StorageError`. */
export function toStorageError(err: unknown): StorageError {
  if (err instanceof StorageError) {
    return err;
  }
  const name = typeof err === 'object' && err !== null && 'name' in err ? String((err as { name: unknown }).name) : '';
  const message = err instanceof Error ? err.message : String(err);
  // Chromium and Firefox name it QuotaExceededError; old Firefox NS_ERROR_DOM_QUOTA_REACHED; code 22 is the legacy number.
  if (/quota/i.test(name) || /quota/i.test(message) || (err as { code?: unknown } | null)?.code === 22) {
    return new StorageError('quota', 'The browser’s storage for this site is full.');
  }
  if (name === 'SecurityError' || name === 'InvalidStateError') {
    return new StorageError('unavailable', 'The browser does not allow this site to store data (private browsing, or site data turned off).');
  }
  return new StorageError('failed', `The browser could not store the data (${message || name || 'unknown error'}).`);
}

// ---------------------------------------------------------------------------
// Memory
// ---------------------------------------------------------------------------

/** Everything in memory: for tests, and the last resort when the browser stores nothing. */
export function createMemoryBackend(): KvBackend {
  const areas = new Map<StorageArea, Map<string, unknown>>(STORAGE_AREAS.map((a) => [a, new Map()]));
  const area = (a: StorageArea) => areas.get(a)!;
  // structuredClone keeps callers from mutating stored values, as a real store would.
  return {
    kind: 'memory',
    get: <T>(a: StorageArea, key: string) => Promise.resolve(area(a).has(key) ? (structuredClone(area(a).get(key)) as T) : undefined),
    set: (a, key, value) => {
      area(a).set(key, structuredClone(value));
      return Promise.resolve();
    },
    delete: (a, key) => {
      area(a).delete(key);
      return Promise.resolve();
    },
    clear: (a) => {
      area(a).clear();
      return Promise.resolve();
    },
    values: <T>(a: StorageArea) => Promise.resolve([...area(a).values()].map((v) => structuredClone(v) as T)),
    valuesWithPrefix: <T>(a: StorageArea, prefix: string) =>
      Promise.resolve(
        [...area(a)]
          .filter(([k]) => k.startsWith(prefix))
          .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
          .map(([, v]) => structuredClone(v) as T),
      ),
    writeBatch: (a, batch) => {
      // Cloned before anything changes: all or nothing.
      const entries = batch.entries.map(([k, v]) => [k, structuredClone(v)] as const);
      const m = area(a);
      if (batch.clear !== undefined) {
        for (const k of [...m.keys()]) {
          if (k.startsWith(batch.clear)) {
            m.delete(k);
          }
        }
      }
      for (const [k, v] of entries) {
        m.set(k, v);
      }
      return Promise.resolve();
    },
  };
}

// ---------------------------------------------------------------------------
// localStorage
// ---------------------------------------------------------------------------

const LS_PREFIX = 'dumplens.kv.';

/** JSON values in `localStorage` (about 5 MB per site): the fallback when IndexedDB is missing. */
export function createLocalStorageBackend(storage: Storage): KvBackend {
  const prefix = (a: StorageArea) => `${LS_PREFIX}${a}.`;
  const keysOf = (a: StorageArea) => {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k !== null && k.startsWith(prefix(a))) {
        keys.push(k);
      }
    }
    return keys;
  };
  const run = <T>(fn: () => T): Promise<T> => {
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(toStorageError(err));
    }
  };
  const parse = <T>(raw: string | null): T | undefined => {
    if (raw === null) {
      return undefined;
    }
    try {
      return JSON.parse(raw) as T;
    } catch {
      return undefined;
    }
  };
  return {
    kind: 'local-storage',
    get: <T>(a: StorageArea, key: string) => run(() => parse<T>(storage.getItem(prefix(a) + key))),
    set: (a, key, value) => run(() => storage.setItem(prefix(a) + key, JSON.stringify(value))),
    delete: (a, key) => run(() => storage.removeItem(prefix(a) + key)),
    clear: (a) => run(() => keysOf(a).forEach((k) => storage.removeItem(k))),
    values: <T>(a: StorageArea) =>
      run(() => keysOf(a).map((k) => parse<T>(storage.getItem(k))).filter((v): v is Awaited<T> => v !== undefined) as T[]),
    valuesWithPrefix: <T>(a: StorageArea, p: string) =>
      run(
        () =>
          keysOf(a)
            .filter((k) => k.startsWith(prefix(a) + p))
            .sort()
            .map((k) => parse<T>(storage.getItem(k)))
            .filter((v): v is Awaited<T> => v !== undefined) as T[],
      ),
    writeBatch: (a, batch) =>
      run(() => {
        // All or nothing: what was there is put back if a write fails (a full storage).
        const touched = new Map<string, string | null>();
        const remember = (k: string) => {
          if (!touched.has(k)) {
            touched.set(k, storage.getItem(k));
          }
        };
        try {
          if (batch.clear !== undefined) {
            for (const k of keysOf(a).filter((k) => k.startsWith(prefix(a) + batch.clear))) {
              remember(k);
              storage.removeItem(k);
            }
          }
          for (const [k, v] of batch.entries) {
            remember(prefix(a) + k);
            storage.setItem(prefix(a) + k, JSON.stringify(v));
          }
        } catch (err) {
          for (const [k, old] of [...touched].reverse()) {
            if (old === null) {
              storage.removeItem(k);
            } else {
              try {
                storage.setItem(k, old);
              } catch {
                // it fitted before: only a concurrent writer could make it fail
              }
            }
          }
          throw err;
        }
      }),
  };
}

// ---------------------------------------------------------------------------
// IndexedDB
// ---------------------------------------------------------------------------

export const IDB_NAME = 'dumplens';
const IDB_VERSION = 1;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(toStorageError(req.error));
  });
}

/** Open (and create) the database; rejects with a `StorageError` when IndexedDB is unusable. */
export function openIndexedDbBackend(factory: IDBFactory | undefined = globalThis.indexedDB, name = IDB_NAME): Promise<KvBackend> {
  return new Promise((resolve, reject) => {
    if (factory === undefined) {
      reject(new StorageError('unavailable', 'This browser has no IndexedDB.'));
      return;
    }
    let open: IDBOpenDBRequest;
    try {
      open = factory.open(name, IDB_VERSION);
    } catch (err) {
      reject(toStorageError(err));
      return;
    }
    open.onupgradeneeded = () => {
      const db = open.result;
      for (const area of STORAGE_AREAS) {
        if (!db.objectStoreNames.contains(area)) {
          db.createObjectStore(area);
        }
      }
    };
    open.onblocked = () => reject(new StorageError('unavailable', 'Another dumplens tab is upgrading the storage; close it and reload.'));
    open.onerror = () => reject(toStorageError(open.error));
    open.onsuccess = () => resolve(indexedDbBackend(open.result));
  });
}

function indexedDbBackend(db: IDBDatabase): KvBackend {
  // Another tab of a newer version asks to upgrade: let it.
  db.onversionchange = () => db.close();
  const tx = async <T>(area: StorageArea, mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    try {
      const t = db.transaction(area, mode);
      // A write is safe only once its transaction commits (quota errors surface there).
      const done = new Promise<void>((resolve, reject) => {
        t.oncomplete = () => resolve();
        t.onerror = () => reject(toStorageError(t.error));
        t.onabort = () => reject(toStorageError(t.error ?? new Error('transaction aborted')));
      });
      const [result] = await Promise.all([request(fn(t.objectStore(area))), done]);
      return result;
    } catch (err) {
      throw toStorageError(err);
    }
  };
  return {
    kind: 'indexeddb',
    get: <T>(a: StorageArea, key: string) => tx(a, 'readonly', (s) => s.get(key) as IDBRequest<T | undefined>),
    set: async (a, key, value) => {
      await tx(a, 'readwrite', (s) => s.put(value, key));
    },
    delete: async (a, key) => {
      await tx(a, 'readwrite', (s) => s.delete(key));
    },
    clear: async (a) => {
      await tx(a, 'readwrite', (s) => s.clear());
    },
    values: <T>(a: StorageArea) => tx(a, 'readonly', (s) => s.getAll() as IDBRequest<T[]>),
    valuesWithPrefix: <T>(a: StorageArea, prefix: string) =>
      new Promise<T[]>((resolve, reject) => {
        // A cursor, not getAll: each value is read back in a task of its own.
        const out: T[] = [];
        try {
          const t = db.transaction(a, 'readonly');
          const cursor = t.objectStore(a).openCursor(IDBKeyRange.bound(prefix, prefixEnd(prefix)));
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (c) {
              out.push(c.value as T);
              c.continue();
            }
          };
          t.oncomplete = () => resolve(out);
          t.onerror = () => reject(toStorageError(t.error));
          t.onabort = () => reject(toStorageError(t.error ?? new Error('transaction aborted')));
        } catch (err) {
          reject(toStorageError(err));
        }
      }),
    writeBatch: (a, batch) =>
      new Promise<void>((resolve, reject) => {
        try {
          const t = db.transaction(a, 'readwrite');
          const store = t.objectStore(a);
          t.oncomplete = () => resolve();
          t.onerror = () => reject(toStorageError(t.error));
          t.onabort = () => reject(toStorageError(t.error ?? new Error('transaction aborted')));
          let i = 0;
          // The next put is issued from the success event of the previous one: a task of its
          // own, within the same transaction (which stays open while requests are pending).
          const next = () => {
            const entry = batch.entries[i++];
            if (entry === undefined) {
              return;
            }
            try {
              store.put(entry[1], entry[0]).onsuccess = next;
            } catch (err) {
              // A value that cannot be stored (DataCloneError, a quota checked at once): nothing is kept.
              reject(toStorageError(err));
              try {
                t.abort();
              } catch {
                // already finished
              }
            }
          };
          if (batch.clear !== undefined) {
            store.delete(IDBKeyRange.bound(batch.clear, prefixEnd(batch.clear))).onsuccess = next;
          } else {
            next();
          }
        } catch (err) {
          reject(toStorageError(err));
        }
      }),
  };
}
