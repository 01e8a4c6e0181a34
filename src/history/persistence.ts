/**
 * Keeps the editor's text and the recent analyses in the browser while the
 * app runs:
 * - the draft is saved a moment after each change, and at once when the tab
 *   is hidden or closed, so a reload or a crashed tab loses nothing;
 * - each editing session (from opening a file, a sample, a link or an
 *   emptied editor, to the next) is one History entry, updated as its
 *   analysis changes; the same text opened again reuses its entry.
 * Failures show a notice instead of losing text silently.
 */
import type { AnalysisReport } from '../analyzers/types';
import type { AppState, AppStore } from '../store/app-store';
import { StorageError } from './backend';
import type { HistoryMeta, LocalStore } from './local-store';
import { summarize, unanalyzedSummary } from './summary';

export const DRAFT_DELAY_MS = 500;
export const HISTORY_DELAY_MS = 1500;

export const DRAFT_NOTICE_KEY = 'storage-draft';
export const HISTORY_NOTICE_KEY = 'storage-history';

export interface PersistenceOptions {
  draftDelayMs?: number;
  historyDelayMs?: number;
  /** Texts not worth keeping in History (the built-in samples). */
  isSample?: (text: string) => boolean;
  now?: () => number;
}

export interface Persistence {
  /** Save the draft now (and any pending History entry). */
  flush(): Promise<void>;
  /** Would `keep` store this text (not empty, not a built-in sample)? */
  worthKeeping(text: string): boolean;
  /** Keep `text` in History before it is replaced (a shared link opened over a draft). */
  keep(text: string, sourceName: string | null, report: AnalysisReport | null): Promise<HistoryMeta | null>;
  /** Keep a shared "analysis only" report in History, so it can be reopened later. */
  keepReport(report: AnalysisReport, title: string | undefined, redacted: boolean): Promise<HistoryMeta | null>;
  stop(): void;
}

function messageOf(err: unknown): string {
  return err instanceof StorageError ? err.message : `The browser could not store the data (${err instanceof Error ? err.message : String(err)}).`;
}

export function startPersistence(store: AppStore, local: LocalStore, options: PersistenceOptions = {}): Persistence {
  const draftDelay = options.draftDelayMs ?? DRAFT_DELAY_MS;
  const historyDelay = options.historyDelayMs ?? HISTORY_DELAY_MS;
  const isSample = options.isSample ?? (() => false);
  const now = options.now ?? (() => Date.now());

  let draftTimer: ReturnType<typeof setTimeout> | null = null;
  let historyTimer: ReturnType<typeof setTimeout> | null = null;
  let draftFailed = false;
  let historyFailed = false;
  /** History entry of the current editing session, once saved. */
  let sessionId: string | undefined;
  /** Bumped when a new editing session starts, so a late save does not adopt the wrong entry. */
  let session = 0;

  async function saveDraft(): Promise<void> {
    if (draftTimer !== null) {
      clearTimeout(draftTimer);
      draftTimer = null;
    }
    const { text, sourceName } = store.getState();
    try {
      await local.saveDraft({ text, sourceName, savedAt: now() });
      if (draftFailed) {
        draftFailed = false;
        store.getState().dismissNotice(DRAFT_NOTICE_KEY);
      }
    } catch (err) {
      draftFailed = true;
      store.getState().showNotice({
        key: DRAFT_NOTICE_KEY,
        tone: 'error',
        title: 'Your text is not being saved in this browser',
        message: `${messageOf(err)} It is still in the editor: copy it somewhere safe before you close or reload this tab.`,
      });
    }
  }

  function reportHistoryFailure(err: unknown): void {
    historyFailed = true;
    store.getState().showNotice({
      key: HISTORY_NOTICE_KEY,
      tone: 'warning',
      title: 'This analysis could not be kept in History',
      message: `${messageOf(err)}${err instanceof StorageError && err.kind === 'quota' ? ' Delete old entries in History to make room.' : ''}`,
    });
  }

  function historyWorthy(s: AppState): boolean {
    return s.status === 'done' && s.report !== null && !s.report.inputProblem && s.text.trim() !== '' && !isSample(s.text);
  }

  async function saveHistory(): Promise<void> {
    if (historyTimer !== null) {
      clearTimeout(historyTimer);
      historyTimer = null;
    }
    const s = store.getState();
    if (!historyWorthy(s)) {
      return;
    }
    const mine = session;
    try {
      const meta = await local.saveHistory({
        id: sessionId,
        content: { kind: 'text', text: s.text },
        summary: summarize(s.report!),
        sourceName: s.sourceName,
      });
      if (mine === session) {
        sessionId = meta.id;
      }
      if (historyFailed) {
        historyFailed = false;
        store.getState().dismissNotice(HISTORY_NOTICE_KEY);
      }
    } catch (err) {
      reportHistoryFailure(err);
    }
  }

  const unsubscribe = store.subscribe((s, prev) => {
    if (s.text !== prev.text || s.sourceName !== prev.sourceName) {
      if (draftTimer !== null) {
        clearTimeout(draftTimer);
      }
      draftTimer = setTimeout(() => void saveDraft(), draftDelay);
    }
    if (s.textVersion !== prev.textVersion || (s.text.trim() === '' && prev.text.trim() !== '')) {
      session++;
      sessionId = undefined;
    }
    if (s.report !== prev.report && historyWorthy(s)) {
      if (historyTimer !== null) {
        clearTimeout(historyTimer);
      }
      historyTimer = setTimeout(() => void saveHistory(), historyDelay);
    }
  });

  const onHidden = () => {
    if (document.visibilityState === 'hidden') {
      void flush();
    }
  };
  const onPageHide = () => void flush();
  const hasDom = typeof document !== 'undefined' && typeof window !== 'undefined';
  if (hasDom) {
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('pagehide', onPageHide);
  }

  async function flush(): Promise<void> {
    const pending: Promise<void>[] = [];
    if (draftTimer !== null) {
      pending.push(saveDraft());
    }
    if (historyTimer !== null) {
      pending.push(saveHistory());
    }
    await Promise.all(pending);
  }

  const worthKeeping = (text: string) => text.trim() !== '' && !isSample(text);

  return {
    flush,
    worthKeeping,
    async keep(text, sourceName, report) {
      if (!worthKeeping(text)) {
        return null;
      }
      try {
        return await local.saveHistory({
          content: { kind: 'text', text },
          summary: report !== null && !report.inputProblem ? summarize(report) : unanalyzedSummary(text),
          sourceName,
        });
      } catch (err) {
        reportHistoryFailure(err);
        return null;
      }
    },
    async keepReport(report, title, redacted) {
      try {
        return await local.saveHistory({ content: { kind: 'report', report }, summary: summarize(report), sourceName: title ?? 'Shared analysis', redacted });
      } catch (err) {
        reportHistoryFailure(err);
        return null;
      }
    },
    stop() {
      unsubscribe();
      if (draftTimer !== null) {
        clearTimeout(draftTimer);
      }
      if (historyTimer !== null) {
        clearTimeout(historyTimer);
      }
      if (hasDom) {
        document.removeEventListener('visibilitychange', onHidden);
        window.removeEventListener('pagehide', onPageHide);
      }
    },
  };
}
