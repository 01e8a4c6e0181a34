/**
 * Custom render for component tests: a fresh store (with a fake analyzer
 * client), a memory router, and the plain textarea editor in place of Monaco
 * (which cannot run in jsdom). Also `makeReport` to build reports by hand.
 */
import { cleanup, render, type RenderResult } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach } from 'vitest';
import { blankReport } from '../src/analyzers/report';
import type { AnalysisReport } from '../src/analyzers/types';
import { EditorRenderContext } from '../src/components/editor/editor-context';
import { PlainEditor } from '../src/components/editor/PlainEditor';
import { createAppStore, type AppStore, type AppStoreOptions } from '../src/store/app-store';
import { StoreProvider } from '../src/store/context';
import type { AnalyzerClient, DumpOutcome } from '../src/worker/client';

// vitest runs without globals, so Testing Library cannot unmount between tests by itself.
afterEach(() => {
  cleanup();
});

/** A report with every required field, empty; override what the test needs. */
export function makeReport(overrides: Partial<AnalysisReport> = {}): AnalysisReport {
  return {
    ...blankReport('Not enough evidence to name a cause.', 10),
    kind: 'kernel',
    stats: { lines: 10, blocks: 1, skippedLines: 0, truncated: false },
    ...overrides,
  };
}

/**
 * A client that answers with `analyze(text)` on the next microtask, and records the texts it saw;
 * `readDump` answers with `dump(file, name)` (by default: not a dump).
 */
export function fakeClient(
  analyze: (text: string) => AnalysisReport = () => makeReport(),
  dump: (file: Blob, name: string) => DumpOutcome = (_file, name) => ({ kind: 'refused', problem: 'not-a-dump', reason: `${name} is not a Windows crash dump.` }),
): AnalyzerClient & { texts: string[] } {
  const texts: string[] = [];
  return {
    texts,
    analyze(text) {
      texts.push(text);
      return Promise.resolve({ kind: 'result', report: analyze(text), ms: 7, via: 'main' });
    },
    readDump(file, name) {
      return Promise.resolve(dump(file, name));
    },
    dispose() {},
  };
}

export interface RenderAppOptions {
  store?: AppStore;
  storeOptions?: Partial<AppStoreOptions>;
  /** Put this report in the store as a finished analysis. */
  report?: AnalysisReport;
  text?: string;
  route?: string;
}

export interface RenderAppResult extends RenderResult {
  store: AppStore;
  user: ReturnType<typeof userEvent.setup>;
}

/** Render `ui` inside a fresh store, a router and the plain editor. */
export function renderWithApp(ui: ReactElement, options: RenderAppOptions = {}): RenderAppResult {
  const store =
    options.store ??
    createAppStore({
      client: fakeClient(() => options.report ?? makeReport()),
      debounceMs: 0,
      ...options.storeOptions,
    });
  if (options.text !== undefined || options.report) {
    store.setState({ text: options.text ?? 'kd> !analyze -v' });
  }
  if (options.report) {
    store.setState({ status: 'done', report: options.report, durationMs: 7 });
  }
  const user = userEvent.setup();
  const result = render(
    <StoreProvider store={store}>
      <MemoryRouter initialEntries={[options.route ?? '/']}>
        <EditorRenderContext.Provider value={(props) => <PlainEditor {...props} />}>{ui}</EditorRenderContext.Provider>
      </MemoryRouter>
    </StoreProvider>,
  );
  return { ...result, store, user };
}
