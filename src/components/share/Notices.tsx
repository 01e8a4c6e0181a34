import { useEffect } from 'react';
import type { Notice } from '../../store/app-store';
import { useAppStore } from '../../store/context';

/** Information (not errors or warnings) goes away by itself after this long. */
export const INFO_NOTICE_MS = 12_000;

function NoticeItem({ notice, onDismiss }: { notice: Notice; onDismiss: (key: string) => void }) {
  useEffect(() => {
    if (notice.tone !== 'info') {
      return;
    }
    const timer = setTimeout(() => onDismiss(notice.key), INFO_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, onDismiss]);
  return (
    <div className={`app-notice app-notice-${notice.tone}`} role={notice.tone === 'info' ? 'status' : 'alert'}>
      <div className="app-notice-text">
        <strong className="app-notice-title">{notice.title}</strong>
        {notice.message ? <span className="app-notice-message"> {notice.message}</span> : null}
      </div>
      <button type="button" className="button button-ghost button-small" onClick={() => onDismiss(notice.key)} aria-label={`Dismiss: ${notice.title}`}>
        Dismiss
      </button>
    </div>
  );
}

/** Messages about links, files and storage, under the header; each can be dismissed, information fades by itself. */
export function Notices() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (notices.length === 0) {
    return null;
  }
  return (
    <div className="notices">
      {notices.map((n) => (
        <NoticeItem key={n.key} notice={n} onDismiss={dismiss} />
      ))}
    </div>
  );
}
