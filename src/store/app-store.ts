/**
 * The one application store (zustand), in three slices:
 * - input: the text in the editor and where it came from;
 * - analysis: the latest report and the status of the analysis;
 * - ui: reveal-a-line requests, theme preference, splitter position.
 * Actions live beside the state they change. Nothing derived is stored:
 * see selectors.ts.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AnalysisReport } from '../analyzers/types';
import type { AnalyzerClient } from '../worker/client';
import { describeSummary, type ReportSummary } from '../worker/summarize';

export type AnalysisStatus = 'idle' | 'running' | 'done' | 'error';
export type ThemePreference = 'system' | 'light' | 'dark';

/** A request to show a line in the editor; `seq` makes repeated clicks on the same line count. */
export interface RevealRequest {
  line: number;
  seq: number;
}

export interface InputSlice {
  text: string;
  /** File name or sample title; null when the text was typed or pasted. */
  sourceName: string | null;
  /** Bumped when the text is replaced from outside the editor (file, sample), so the editor reloads it. */
  textVersion: number;
  /**
   * The editor changed the text: analyze after a short pause. `replacedAll`:
   * the edit replaced the whole text (select all, paste), so the file name or
   * sample title no longer describes it.
   */
  setText(text: string, replacedAll?: boolean): void;
  /** Replace the text (file, sample, drop) and analyze at once. */
  loadText(text: string, sourceName: string | null): void;
  /**
   * Read a crash dump in the worker: on success its derived text replaces the
   * editor's (named `NAME (derived text)`) with its report; a file that is not
   * a readable dump leaves the text alone and shows a notice.
   */
  loadDump(file: Blob, name: string): Promise<void>;
}

export interface AnalysisSlice {
  status: AnalysisStatus;
  report: AnalysisReport | null;
  error: string | null;
  /** Duration of the last finished analysis, in milliseconds. */
  durationMs: number | null;
  /** Share of a long analysis done (0–1) while it runs and reports progress; null otherwise. */
  progress: number | null;
  /** What the report of a huge input leaves out (null: the report is complete). */
  summary: ReportSummary | null;
  /** Analyze the current text now (cancels a pending debounce). */
  analyzeNow(): Promise<void>;
}

export interface UiSlice {
  reveal: RevealRequest | null;
  revealLine(line: number): void;
  /** A request to open and scroll to the stack printed at `line` in the Stacks section. */
  stackFocus: RevealRequest | null;
  focusStack(line: number): void;
  themePreference: ThemePreference;
  setThemePreference(theme: ThemePreference): void;
  /** Width of the editor pane, in percent of the workspace. */
  splitPercent: number;
  setSplitPercent(percent: number): void;
}

/** A message for the user (a link that cannot be opened, storage trouble); one per `key`. */
export interface Notice {
  key: string;
  tone: 'error' | 'warning' | 'info';
  title: string;
  message?: string;
}

/** A shared "analysis only" report, viewed without its text. */
export interface SharedReport {
  report: AnalysisReport;
  title?: string;
  redacted: boolean;
  /** What was cut from the shared report's lists to keep the page responsive. */
  summary?: ReportSummary | null;
}

export interface ShareSlice {
  sharedReport: SharedReport | null;
  setSharedReport(shared: SharedReport | null): void;
  notices: Notice[];
  /** Show a notice, replacing any with the same key. */
  showNotice(notice: Notice): void;
  dismissNotice(key: string): void;
  /** Set when a new version of the app is installed and waiting: call it to reload into it. */
  applyUpdate: (() => void) | null;
  setApplyUpdate(apply: (() => void) | null): void;
}

export type AppState = InputSlice & AnalysisSlice & UiSlice & ShareSlice;
export type AppStore = StoreApi<AppState>;

export interface AppStoreOptions {
  client: AnalyzerClient;
  /** Pause after the last edit before analyzing (default 300 ms). */
  debounceMs?: number;
  initialText?: string;
  initialSourceName?: string | null;
  themePreference?: ThemePreference;
  /** Called when the theme preference changes (to persist it). */
  onThemeChange?: (theme: ThemePreference) => void;
}

export const DEFAULT_DEBOUNCE_MS = 300;
/** Key of the notice shown when a file was not opened (empty, binary, not a readable dump). */
export const FILE_REFUSED_NOTICE = 'file-refused';

/** The input header's name for the text derived from a dump file. */
export function derivedSourceName(fileName: string): string {
  return `${fileName} (derived text)`;
}
/** Key of the notice shown when the report of a huge input was shortened for display. */
export const SHORTENED_NOTICE = 'report-shortened';
export const MIN_SPLIT = 25;
export const MAX_SPLIT = 75;

/** Resolves after the browser has had a chance to paint (a plain task where there are no frames: tests, Node). */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame === 'function') {
      requestAnimationFrame(() => setTimeout(resolve, 0));
    } else {
      setTimeout(resolve, 0);
    }
  });
}

function refusedTitle(problem: 'empty' | 'not-a-dump' | 'not-windows' | 'unreadable'): string {
  switch (problem) {
    case 'empty':
      return 'Empty file';
    case 'not-a-dump':
      return 'Not a crash dump';
    case 'not-windows':
      return 'Not a Windows crash dump';
    default:
      return 'The dump could not be read';
  }
}

/** Create a store. The app makes one; tests make a fresh one each. */
export function createAppStore(options: AppStoreOptions): AppStore {
  const { client } = options;
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Sequence of analysis requests: only the latest may write its outcome. */
  let requestSeq = 0;
  let revealSeq = 0;

  function cancelTimer(): void {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
  }

  return createStore<AppState>()((set, get) => {
    async function analyzeNow(): Promise<void> {
      cancelTimer();
      const seq = ++requestSeq;
      const { text } = get();
      if (text.trim() === '') {
        // Nothing to analyze: the results panel shows its welcome state.
        set({ status: 'idle', report: null, error: null, durationMs: null, progress: null, summary: null });
        return;
      }
      set({ status: 'running', error: null, progress: null });
      const outcome = await client.analyze(text, {
        onProgress(p) {
          if (seq === requestSeq) {
            // Reading the lines is most of the work; the verdict takes the rest.
            set({ progress: p.phase === 'judging' ? 0.9 : (0.85 * p.done) / Math.max(1, p.total) });
          }
        },
        onVerdict(report, ms) {
          // A large report: its verdict is shown first, the long lists follow a frame later.
          if (seq === requestSeq) {
            set({ status: 'done', report, error: null, durationMs: Math.round(ms), progress: null, summary: null });
          }
        },
      });
      if (seq !== requestSeq || outcome.kind === 'superseded') {
        return;
      }
      if (outcome.kind === 'result') {
        set({ status: 'done', report: outcome.report, error: null, durationMs: Math.round(outcome.ms), progress: null, summary: outcome.summary ?? null });
        if (outcome.summary) {
          get().showNotice({ key: SHORTENED_NOTICE, tone: 'info', title: 'Very large input', message: describeSummary(outcome.summary) });
        } else if (get().notices.some((n) => n.key === SHORTENED_NOTICE)) {
          get().dismissNotice(SHORTENED_NOTICE);
        }
      } else {
        set({ status: 'error', report: null, error: outcome.message, durationMs: Math.round(outcome.ms), progress: null, summary: null });
      }
    }

    return {
      // input
      text: options.initialText ?? '',
      sourceName: options.initialSourceName ?? null,
      textVersion: 0,
      setText(text, replacedAll = false) {
        if (text === get().text) {
          return;
        }
        // Emptied or replaced text: the old file name or sample title no longer describes it.
        set(replacedAll || text.trim() === '' ? { text, sourceName: null } : { text });
        cancelTimer();
        timer = setTimeout(() => {
          timer = null;
          void analyzeNow();
        }, debounceMs);
      },
      loadText(text, sourceName) {
        set((s) => ({ text, sourceName, textVersion: s.textVersion + 1, reveal: null }));
        get().dismissNotice(FILE_REFUSED_NOTICE);
        void analyzeNow();
      },
      async loadDump(file, name) {
        cancelTimer();
        const seq = ++requestSeq;
        // The text and report on screen stay until the dump has been read: a refused file changes nothing.
        const before = get().status;
        set({ status: 'running', error: null, progress: null });
        const outcome = await client.readDump(file, name);
        if (seq !== requestSeq || outcome.kind === 'superseded') {
          return;
        }
        if (outcome.kind === 'dump') {
          // The text first, its report after the next paint: the editor's new model and the
          // results panel are not built in the same main-thread task (as for a text file,
          // whose report arrives after its text).
          set((s) => ({ text: outcome.text, sourceName: derivedSourceName(name), textVersion: s.textVersion + 1, reveal: null }));
          get().dismissNotice(FILE_REFUSED_NOTICE);
          await afterPaint();
          if (seq === requestSeq) {
            set({ status: 'done', report: outcome.report, error: null, durationMs: Math.round(outcome.ms), progress: null, summary: outcome.summary ?? null });
          }
          return;
        }
        get().showNotice(
          outcome.kind === 'refused'
            ? { key: FILE_REFUSED_NOTICE, tone: 'warning', title: refusedTitle(outcome.problem), message: `${outcome.reason} The editor keeps its text.` }
            : { key: FILE_REFUSED_NOTICE, tone: 'error', title: 'The dump could not be read', message: `${outcome.message}. The editor keeps its text.` },
        );
        // Back to what was on screen; an analysis the dump request superseded is run again.
        if (before === 'running' || (get().report === null && get().text.trim() !== '')) {
          void analyzeNow();
        } else {
          set({ status: before, progress: null });
        }
      },

      // analysis
      status: 'idle',
      report: null,
      error: null,
      durationMs: null,
      progress: null,
      summary: null,
      analyzeNow,

      // ui
      reveal: null,
      revealLine(line) {
        set({ reveal: { line, seq: ++revealSeq } });
      },
      stackFocus: null,
      focusStack(line) {
        set({ stackFocus: { line, seq: ++revealSeq } });
      },
      themePreference: options.themePreference ?? 'system',
      setThemePreference(theme) {
        set({ themePreference: theme });
        options.onThemeChange?.(theme);
      },
      // share, notices, updates
      sharedReport: null,
      setSharedReport(shared) {
        set({ sharedReport: shared });
      },
      notices: [],
      showNotice(notice) {
        set((s) => ({ notices: [...s.notices.filter((n) => n.key !== notice.key), notice] }));
      },
      dismissNotice(key) {
        if (get().notices.some((n) => n.key === key)) {
          set((s) => ({ notices: s.notices.filter((n) => n.key !== key) }));
        }
      },
      applyUpdate: null,
      setApplyUpdate(apply) {
        set({ applyUpdate: apply });
      },

      splitPercent: 50,
      setSplitPercent(percent) {
        set({ splitPercent: Math.min(MAX_SPLIT, Math.max(MIN_SPLIT, percent)) });
      },
    };
  });
}
