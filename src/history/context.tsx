/** React access to the browser storage (draft and History) and the autosave that feeds it. */
import { createContext, useContext, type ReactNode } from 'react';
import { createMemoryBackend } from './backend';
import { createLocalStore, type LocalStore } from './local-store';
import type { Persistence } from './persistence';

export interface StorageServices {
  local: LocalStore;
  /** Null where nothing autosaves (component tests). */
  persistence: Persistence | null;
}

let fallback: StorageServices | null = null;
/** Without a provider (tests), an in-memory store. */
function fallbackServices(): StorageServices {
  fallback ??= { local: createLocalStore(createMemoryBackend()), persistence: null };
  return fallback;
}

const StorageContext = createContext<StorageServices | null>(null);

export function StorageProvider({ services, children }: { services: StorageServices; children: ReactNode }) {
  return <StorageContext.Provider value={services}>{children}</StorageContext.Provider>;
}

export function useStorage(): StorageServices {
  return useContext(StorageContext) ?? fallbackServices();
}
