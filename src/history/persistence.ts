/**
 * Keeps the editor's text and the recent analyses in the browser while the
 * app runs:
 * - the draft of this tab is saved a moment after each change (one draft per
 *   tab: two tabs never overwrite each other's text); when the tab is hidden
 *   or closed, a text not saved yet is copied at once, synchronously, into the
 *   tab's sessionStorage (an IndexedDB write would not finish before the page
 *   goes), and saved to IndexedDB as well, so a reload loses nothing;
 * - when IndexedDB refuses to store the draft (a full disk, a quota), the text
 *   is kept in the tab's sessionStorage instead (it survives a reload of the
 *   tab) or, too long for it, only in the page, and one notice says which;
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
import type { SessionDraft } from './tab';

export const DRAFT_DELAY_MS = 500;
export const HISTORY_DELAY_MS = 1500;

/** Key of the one notice about storage trouble (the draft, History, or both). */
export const STORAGE_NOTICE_KEY = 'storage';

export interface PersistenceOptions {
  draftDelayMs?: number;
  historyDelayMs?: number;
  /** Texts not worth keeping in History (the built-in samples). */
  isSample?: (text: string) => boolean;
  now?: () => number;
  /** The name of this tab, under which its draft is saved (it may change: see tab.ts). */
  tab?: () => string;
  /** The tab's sessionStorage copy: the last-chance save and the fallback when IndexedDB fails. */
  session?: SessionDraft;
  /**
   * What IndexedDB holds for this tab at start: null when nothing (the text came from
   * another tab's draft or from the sessionStorage copy, and is saved in a moment);
   * undefined means the store's initial text is saved.
   */
  saved?: { text: string; sourceName: string | null } | null;
}

export interface Persistence {
  /** Save the draft now (and any pending History entry). */
  flush(): Promise<void>;
  /**
   * The page is being hidden or closed: copy a text not saved yet into the
   * tab's sessionStorage, synchronously (runs on `pagehide` and when the tab
   * is hidden; exposed for tests).
   */
  saveLastChance(): void;
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
  const tab = options.tab ?? (() => 'default');
  const session = options.session ?? null;

  let draftTimer: ReturnType<typeof setTimeout> | null = null;
  let historyTimer: ReturnType<typeof setTimeout> | null = null;
  const initial = store.getState();
  /** The text and name last saved to IndexedDB (or found there at start): the draft is dirty when they differ. */
  let savedText: string | null = options.saved === undefined ? initial.text : (options.saved?.text ?? null);
  let savedSource = options.saved === undefined ? initial.sourceName : (options.saved?.sourceName ?? null);
  /** Where the text is kept while IndexedDB refuses it (null: IndexedDB has it, or will in a moment). */
  let fallback: 'session' | 'page' | null = null;
  let draftProblem: string | null = null;
  let historyProblem: { message: string; quota: boolean } | null = null;
  /** History entry of the current editing session, once saved. */
  let sessionId: string | undefined;
  /** Bumped when a new editing session starts, so a late save does not adopt the wrong entry. */
  let editSession = 0;

  const dirty = () => {
    const s = store.getState();
    return s.text !== savedText || s.sourceName !== savedSource;
  };

  /** One notice for everything storage refuses, saying where the text is now. */
  function updateNotice(): void {
    const state = store.getState();
    const historyNote = historyProblem === null ? '' : historyProblem.quota ? ' New analyses are not added to History: delete old entries there to make room.' : ' New analyses are not added to History.';
    if (fallback === 'page') {
      state.showNotice({
        key: STORAGE_NOTICE_KEY,
        tone: 'error',
        title: 'Your text is not being saved',
        message: `${draftProblem ?? ''} It is kept only in this page: copy it somewhere safe before you close or reload this tab.${historyNote}`.trim(),
      });
    } else if (fallback === 'session') {
      state.showNotice({
        key: STORAGE_NOTICE_KEY,
        tone: 'warning',
        title: 'Your text is kept in this tab only',
        message: `${draftProblem ?? ''} It survives a reload of this tab, but not closing it.${historyNote}`.trim(),
      });
    } else if (historyProblem !== null) {
      state.showNotice({
        key: STORAGE_NOTICE_KEY,
        tone: 'warning',
        title: 'This analysis could not be kept in History',
        message: `${historyProblem.message}${historyProblem.quota ? ' Delete old entries in History to make room.' : ''} Your text itself is saved.`,
      });
    } else {
      state.dismissNotice(STORAGE_NOTICE_KEY);
    }
  }

  async function saveDraft(): Promise<void> {
    if (draftTimer !== null) {
      clearTimeout(draftTimer);
      draftTimer = null;
    }
    const { text, sourceName } = store.getState();
    const draft = { text, sourceName, savedAt: now() };
    try {
      await local.saveDraft(tab(), draft);
      savedText = text;
      savedSource = sourceName;
      if (!dirty()) {
        session?.clear();
      }
      if (fallback !== null) {
        fallback = null;
        draftProblem = null;
        updateNotice();
      }
    } catch (err) {
      // Not lost: the newest text goes where it still can (see updateNotice).
      const latest = store.getState();
      fallback = session?.write({ text: latest.text, sourceName: latest.sourceName, savedAt: now() }) ? 'session' : 'page';
      draftProblem = messageOf(err);
      updateNotice();
    }
  }

  function reportHistoryFailure(err: unknown): void {
    historyProblem = { message: messageOf(err), quota: err instanceof StorageError && err.kind === 'quota' };
    updateNotice();
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
    const mine = editSession;
    try {
      const meta = await local.saveHistory({
        id: sessionId,
        content: { kind: 'text', text: s.text },
        summary: summarize(s.report!),
        sourceName: s.sourceName,
      });
      if (mine === editSession) {
        sessionId = meta.id;
      }
      if (historyProblem !== null) {
        historyProblem = null;
        updateNotice();
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
      if (fallback === 'session' && !session?.write({ text: s.text, sourceName: s.sourceName, savedAt: now() })) {
        // Grown too long for sessionStorage: only the page has it now.
        fallback = 'page';
        updateNotice();
      }
    }
    if (s.textVersion !== prev.textVersion || (s.text.trim() === '' && prev.text.trim() !== '')) {
      editSession++;
      sessionId = undefined;
    }
    if (s.report !== prev.report && historyWorthy(s)) {
      if (historyTimer !== null) {
        clearTimeout(historyTimer);
      }
      historyTimer = setTimeout(() => void saveHistory(), historyDelay);
    }
  });

  if (savedText === null && initial.text.trim() !== '' && !isSample(initial.text)) {
    draftTimer = setTimeout(() => void saveDraft(), draftDelay);
  }

  function saveLastChance(): void {
    if (dirty() && !(savedText === null && isSample(store.getState().text))) {
      const s = store.getState();
      session?.write({ text: s.text, sourceName: s.sourceName, savedAt: now() });
    }
  }

  const onHidden = () => {
    if (document.visibilityState === 'hidden') {
      saveLastChance();
      void flush();
    }
  };
  const onPageHide = () => {
    saveLastChance();
    void flush();
  };
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
    saveLastChance,
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
