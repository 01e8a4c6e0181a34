import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { DEFAULT_SAMPLE } from './samples';
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

// Until the user brings text of their own, a visit starts with the built-in sample.
const firstVisit = readSetting(VISITED_KEY) === null;
const store = createAppStore({
  client: createAnalyzerClient(),
  initialText: firstVisit ? DEFAULT_SAMPLE.text : '',
  initialSourceName: firstVisit ? DEFAULT_SAMPLE.title : null,
  themePreference,
  onThemeChange: (theme) => writeSetting(THEME_KEY, theme),
});
if (firstVisit) {
  void store.getState().analyzeNow();
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

const root = document.getElementById('root');
if (!root) {
  throw new Error('index.html has no #root element');
}
createRoot(root).render(
  <StrictMode>
    <StoreProvider store={store}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </StoreProvider>
  </StrictMode>,
);
