import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { openFragment, restoreSharedReport, SHARED_PATH, takeFragment } from './components/share/open-shared';
import { StorageProvider } from './history/context';
import { storageLimitation } from './history/local-store';
import { openLocalStore } from './history/open';
import { startPersistence } from './history/persistence';
import { createSessionDraft, usableSessionStorage, watchTabIdentity } from './history/tab';
import { DEFAULT_SAMPLE, SAMPLES } from './samples';
import { createAppStore, type ThemePreference } from './store/app-store';
import { StoreProvider } from './store/context';
import { createAnalyzerClient } from './worker/client';
import './styles/app.css';

const VISITED_KEY = 'dumplens.visited';
const THEME_KEY = 'dumplens.theme';

function readSetting(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeSetting(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // private mode or storage disabled: settings just do not persist
  }
}

const storedTheme = readSetting(THEME_KEY);
const themePreference: ThemePreference = storedTheme === 'light' || storedTheme === 'dark' ? storedTheme : 'system';

// The draft of the last visit comes back first (a reload or a crashed tab loses nothing);
// the built-in sample is shown only on a true first visit. Each tab keeps a draft of its own:
// a reload finds this tab's, a new tab starts from the newest one. A text the tab had not saved
// to IndexedDB yet when it was reloaded (or could not save there) waits in its sessionStorage.
const sessionStorage = usableSessionStorage();
const tab = watchTabIdentity(sessionStorage);
const sessionDraft = createSessionDraft(sessionStorage);
const local = await openLocalStore();
let draftProblem: string | null = null;
const stored = await local.loadDraft(tab.id).catch((err: unknown) => {
  draftProblem = err instanceof Error ? err.message : String(err);
  return null;
});
const lastChance = sessionDraft.read();
const draft = lastChance !== null && (stored === null || stored.tab !== tab.id || lastChance.savedAt >= stored.savedAt) ? lastChance : stored;
const firstVisit = readSetting(VISITED_KEY) === null && draft === null;
const store = createAppStore({
  client: createAnalyzerClient(),
  initialText: draft !== null ? draft.text : firstVisit ? DEFAULT_SAMPLE.text : '',
  initialSourceName: draft !== null ? draft.sourceName : firstVisit ? DEFAULT_SAMPLE.title : null,
  themePreference,
  onThemeChange: (theme) => writeSetting(THEME_KEY, theme),
});
const persistence = startPersistence(store, local, {
  isSample: (text) => SAMPLES.some((s) => s.text === text),
  tab: () => tab.id,
  session: sessionDraft,
  // What IndexedDB has: the draft found there, unless the sessionStorage copy was newer.
  saved: draft === stored && stored !== null && stored.tab === tab.id ? stored : null,
});
// Drafts of tabs closed long ago go, a while after start-up (never this tab's).
setTimeout(() => void local.pruneDrafts(tab.id).catch(() => undefined), 10_000);
const limitation = storageLimitation(local.backendKind);
if (limitation !== null || draftProblem !== null) {
  store.getState().showNotice({
    key: 'storage-limited',
    tone: 'warning',
    title: draftProblem !== null ? 'Your last draft could not be read' : 'Limited storage',
    message: draftProblem ?? limitation ?? undefined,
  });
}

// A share link (`/#v1.…` on any path) is read once, then its fragment leaves the address bar.
const fragment = takeFragment(window.location, window.history);
if (fragment !== null) {
  // A link that cannot be opened still lands in the workspace, next to the draft it left alone.
  const route = (await openFragment(store, persistence, fragment)) ?? '/';
  if (route !== window.location.pathname) {
    window.history.replaceState(null, '', route);
  }
} else if (window.location.pathname === SHARED_PATH) {
  await restoreSharedReport(store);
}
if (store.getState().status === 'idle' && store.getState().text.trim() !== '') {
  void store.getState().analyzeNow();
}

if (firstVisit) {
  const unsubscribe = store.subscribe((state) => {
    if (state.text !== DEFAULT_SAMPLE.text && state.text.trim() !== '') {
      writeSetting(VISITED_KEY, '1');
      unsubscribe();
    }
  });
}

if (import.meta.env.DEV) {
  (window as unknown as { __dumplens: typeof store }).__dumplens = store;
}

const services = { local, persistence };
const root = document.getElementById('root');
if (!root) {
  throw new Error('index.html has no #root element');
}
createRoot(root).render(
  <StrictMode>
    <StoreProvider store={store}>
      <StorageProvider services={services}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </StorageProvider>
    </StoreProvider>
  </StrictMode>,
);

if (import.meta.env.PROD) {
  void import('./pwa/register').then(({ registerServiceWorker }) => registerServiceWorker(store));
}
