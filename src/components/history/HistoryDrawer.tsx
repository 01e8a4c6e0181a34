import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useStorage } from '../../history/context';
import type { HistoryMeta } from '../../history/local-store';
import { formatSavedAt } from '../../history/summary';
import { clipText, countOf } from '../../lib/text-lines';
import { useAppStoreApi } from '../../store/context';
import { Dialog } from '../share/Dialog';
import { SHARED_PATH, showSharedReport } from '../share/open-shared';

/** Longest title, file name or headline shown per entry (entries saved before shared titles were capped can be huge). */
const SHOWN_CHARS = 200;

type Listing = { state: 'loading' } | { state: 'ready'; entries: HistoryMeta[] } | { state: 'error'; message: string };

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Recent analyses kept in this browser: reopen one, delete one, or clear them all. */
export function HistoryDrawer({ onClose }: { onClose: () => void }) {
  const { local } = useStorage();
  const store = useAppStoreApi();
  const navigate = useNavigate();
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const [problem, setProblem] = useState<string | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);

  const refresh = useCallback(() => {
    local.listHistory().then(
      (entries) => setListing({ state: 'ready', entries }),
      (err: unknown) => setListing({ state: 'error', message: messageOf(err) }),
    );
  }, [local]);

  useEffect(() => {
    refresh();
    return local.subscribe(refresh);
  }, [local, refresh]);

  const act = async (what: () => Promise<void>) => {
    setProblem(null);
    try {
      await what();
    } catch (err) {
      setProblem(messageOf(err));
    }
  };

  const reopen = (entry: HistoryMeta) =>
    act(async () => {
      const content = await local.openHistory(entry.id);
      if (content === null) {
        throw new Error('This entry’s text is missing from the browser’s storage.');
      }
      if (content.kind === 'text') {
        store.getState().loadText(content.text, entry.sourceName ?? entry.title);
        void navigate('/');
      } else {
        if (await showSharedReport(store, { report: content.report, title: entry.title, redacted: entry.redacted })) {
          void navigate(SHARED_PATH);
        }
      }
      onClose();
    });

  const entries = listing.state === 'ready' ? listing.entries : [];
  return (
    <Dialog title="History" onClose={onClose} variant="drawer" className="history-drawer">
      <p className="muted small history-intro">
        Your recent analyses, kept only in this browser (nothing is uploaded). Reopening one analyzes its text again.
      </p>
      {problem !== null ? (
        <p className="share-error" role="alert">
          {problem}
        </p>
      ) : null}
      {listing.state === 'loading' ? (
        <p className="muted" role="status">
          Loading…
        </p>
      ) : listing.state === 'error' ? (
        <p className="share-error" role="alert">
          The history cannot be read: {listing.message}
        </p>
      ) : entries.length === 0 ? (
        <p className="history-empty">No analyses yet. Each session you paste or open is kept here.</p>
      ) : (
        <ul className="history-list" aria-label="Recent analyses">
          {entries.map((e) => {
            const title = clipText(e.title, SHOWN_CHARS);
            return (
              <li key={e.id} className="history-entry">
                <button type="button" className="history-open" onClick={() => void reopen(e)} aria-label={`Open ${title}, ${formatSavedAt(e.savedAt)}`}>
                  <span className="history-title">{title}</span>
                  <span className="history-meta">
                    <time dateTime={new Date(e.savedAt).toISOString()}>{formatSavedAt(e.savedAt)}</time>
                    {' · '}
                    {e.kind === 'report' ? 'shared analysis' : countOf(e.summary.lines, 'line')}
                    {e.sourceName ? ` · ${clipText(e.sourceName, SHOWN_CHARS)}` : ''}
                  </span>
                  <span className="history-headline">{clipText(e.summary.headline, SHOWN_CHARS * 2)}</span>
                </button>
                <button type="button" className="button button-ghost button-small history-delete" onClick={() => void act(() => local.deleteHistory(e.id))} aria-label={`Delete ${title}, ${formatSavedAt(e.savedAt)}`}>
                  Delete
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {entries.length > 0 ? (
        <div className="history-foot">
          {confirmClear ? (
            <>
              <span className="small">{entries.length === 1 ? 'Delete the one entry?' : `Delete all ${countOf(entries.length, 'entry', 'entries')}?`}</span>
              <button
                type="button"
                className="button button-danger button-small"
                onClick={() =>
                  void act(async () => {
                    await local.clearHistory();
                    setConfirmClear(false);
                  })
                }
              >
                Delete all
              </button>
              <button type="button" className="button button-small" onClick={() => setConfirmClear(false)}>
                Keep them
              </button>
            </>
          ) : (
            <button type="button" className="button button-small" onClick={() => setConfirmClear(true)}>
              Clear all…
            </button>
          )}
        </div>
      ) : null}
    </Dialog>
  );
}
