/**
 * Opening what someone shared: a link's fragment (`/#v1.…`, read once on
 * load or when the fragment changes, then cleared from the address bar so
 * later edits do not look shared) or a `.dumplens` share file. A text payload
 * replaces the editor's text (the old draft is kept in History first); an
 * "analysis only" payload opens the /shared page, once it has been checked,
 * capped and its derived words rebuilt (permalink/shared-report.ts, loaded on
 * demand: it pulls in the analyzers' tables). A bad link or file shows a
 * notice and changes nothing.
 */
import type { DecodeResult } from '../../permalink';
import { decodePayload, SHARE_FILE_EXTENSION, SHARED_TITLE_MAX } from '../../permalink';
import { clipText } from '../../lib/text-lines';
import type { Persistence } from '../../history/persistence';
import type { AppStore, SharedReport } from '../../store/app-store';
import { describeSummary } from '../../worker/summarize';

export const SHARE_NOTICE_KEY = 'share';
/** Key of the notice shown when a shared report's lists were cut for the page. */
export const SHARED_SHORTENED_NOTICE = 'shared-shortened';
/** The path of the read-only view of a shared report. */
export const SHARED_PATH = '/shared';
/** sessionStorage key: the fragment of the shared report on view, so a reload of /shared keeps it. */
export const SHARED_SESSION_KEY = 'dumplens.shared';

/**
 * The fragment of `location` (without `#`), or null when there is none;
 * either way the fragment is removed from the address bar.
 */
export function takeFragment(location: Location, history: History): string | null {
  const hash = location.hash;
  if (hash === '' || hash === '#') {
    return null;
  }
  try {
    history.replaceState(history.state, '', location.pathname + location.search);
  } catch {
    // some sandboxed frames refuse: the fragment just stays
  }
  return hash.slice(1);
}

function remember(fragment: string | null): void {
  try {
    if (fragment === null) {
      sessionStorage.removeItem(SHARED_SESSION_KEY);
    } else {
      sessionStorage.setItem(SHARED_SESSION_KEY, fragment);
    }
  } catch {
    // no sessionStorage: a reload of /shared just shows that nothing is open
  }
}

/**
 * Check, cap and rebuild a shared report (see permalink/shared-report.ts) and
 * put it on view; a report that cannot be shown leaves a notice and nothing
 * else. Returns whether it is on view.
 */
async function viewSharedReport(store: AppStore, shared: SharedReport, source: 'link' | 'file' | 'history'): Promise<SharedReport | null> {
  const { prepareSharedReport } = await import('../../permalink/shared-report');
  const prepared = prepareSharedReport(shared.report, shared.title);
  const state = store.getState();
  if (!prepared.ok) {
    state.showNotice({
      key: SHARE_NOTICE_KEY,
      tone: 'error',
      title: source === 'link' ? 'This share link cannot be opened' : source === 'file' ? 'This share file cannot be opened' : 'This saved analysis cannot be opened',
      message: `${prepared.reason} Your own text was not changed.`,
    });
    return null;
  }
  const view: SharedReport = { report: prepared.report, redacted: shared.redacted, summary: prepared.summary };
  if (prepared.title !== undefined) {
    view.title = prepared.title;
  }
  state.setSharedReport(view);
  // The /shared page's banner says what this is.
  state.dismissNotice(SHARE_NOTICE_KEY);
  if (prepared.summary) {
    state.showNotice({ key: SHARED_SHORTENED_NOTICE, tone: 'info', title: 'Very large shared report', message: describeSummary(prepared.summary, 'shared') });
  } else {
    state.dismissNotice(SHARED_SHORTENED_NOTICE);
  }
  return view;
}

/**
 * Apply a decoded link or share file. Resolves to the path to show (`/` or
 * `/shared`), or null when nothing was opened.
 */
export async function applyShared(
  store: AppStore,
  persistence: Persistence | null,
  result: DecodeResult,
  source: 'link' | 'file',
  fragment: string | null = null,
): Promise<string | null> {
  const state = store.getState();
  if (!result.ok) {
    state.showNotice({
      key: SHARE_NOTICE_KEY,
      tone: 'error',
      title: source === 'link' ? 'This share link cannot be opened' : 'This share file cannot be opened',
      message: `${result.reason} Your own text was not changed.`,
    });
    return null;
  }
  const { payload } = result;
  const redactedNote = payload.redacted ? ' The sender replaced personal identifiers (user and computer names, addresses…) with placeholders such as <USER1>.' : '';
  if (payload.kind === 'report') {
    const shared: SharedReport = { report: payload.report, redacted: payload.redacted };
    if (payload.title !== undefined) {
      shared.title = payload.title;
    }
    const view = await viewSharedReport(store, shared, source);
    if (view === null) {
      return null;
    }
    remember(fragment);
    void persistence?.keepReport(view.report, view.title, view.redacted);
    return SHARED_PATH;
  }
  const previous = state.text;
  const keepPrevious = persistence !== null && previous !== payload.text && persistence.worthKeeping(previous);
  if (keepPrevious) {
    void persistence.keep(previous, state.sourceName, state.status === 'done' ? state.report : null);
  }
  // The title names the text in the workspace and in History: a link must not make it a megabyte long.
  const title = payload.title === undefined ? '' : clipText(payload.title.replace(/\s+/g, ' ').trim(), SHARED_TITLE_MAX);
  state.loadText(payload.text, title !== '' ? title : source === 'file' ? 'Shared file' : 'Shared link');
  state.showNotice({
    key: SHARE_NOTICE_KEY,
    tone: 'info',
    title: `Opened a shared ${source === 'file' ? 'file' : 'link'}`,
    message: [redactedNote.trim(), keepPrevious ? 'Your previous text is kept in History.' : ''].filter((x) => x !== '').join(' ') || undefined,
  });
  return '/';
}

/** Decode and apply a fragment taken from the address bar. */
export function openFragment(store: AppStore, persistence: Persistence | null, fragment: string): Promise<string | null> {
  return applyShared(store, persistence, decodePayload(fragment), 'link', fragment);
}

/** On a reload of /shared, reopen the report that was on view in this tab. */
export async function restoreSharedReport(store: AppStore): Promise<boolean> {
  let fragment: string | null;
  try {
    fragment = sessionStorage.getItem(SHARED_SESSION_KEY);
  } catch {
    return false;
  }
  if (fragment === null) {
    return false;
  }
  const result = decodePayload(fragment);
  if (result.ok && result.payload.kind === 'report') {
    const { payload } = result;
    const shared: SharedReport = { report: payload.report, redacted: payload.redacted };
    if (payload.title !== undefined) {
      shared.title = payload.title;
    }
    return (await viewSharedReport(store, shared, 'link')) !== null;
  }
  return false;
}

/**
 * Is this file a share file (rather than debugger output)? By extension, or
 * by content: the JSON wrapper, or a lone saved link.
 */
export function looksLikeShareFile(name: string, text: string): boolean {
  if (name.toLowerCase().endsWith(SHARE_FILE_EXTENSION)) {
    return true;
  }
  const head = text.trimStart().slice(0, 64);
  if (/^\{\s*"dumplens"\s*:/.test(head)) {
    return true;
  }
  // A single line that is a share link or its fragment.
  const t = text.trim();
  return t.length < 4_000_000 && !/\s/.test(t) && /^(?:https?:\/\/[^#]*#)?v\d{1,6}\.[A-Za-z0-9_-]{8,}$/.test(t);
}

/** Close the shared report on view (and forget it for reloads of this tab). */
export function closeSharedReport(store: AppStore): void {
  remember(null);
  store.getState().setSharedReport(null);
}

/**
 * Show a shared report that did not come from a link (reopened from History),
 * checked and rebuilt like one: nothing to remember for reloads. Resolves to
 * whether it is on view.
 */
export async function showSharedReport(store: AppStore, shared: SharedReport): Promise<boolean> {
  remember(null);
  return (await viewSharedReport(store, shared, 'history')) !== null;
}
