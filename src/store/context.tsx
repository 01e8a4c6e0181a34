/** React access to the app store: one provider at the root, narrow selectors in components. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './app-store';

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store itself, for actions and subscriptions outside render. */
export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) {
    throw new Error('useAppStore must be used inside <StoreProvider>');
  }
  return store;
}

/** Select a slice of state; the component re-renders only when it changes. */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}
