import { useAppStore } from '../../store/context';

/** Messages about links, files and storage, under the header; each can be dismissed. */
export function Notices() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (notices.length === 0) {
    return null;
  }
  return (
    <div className="notices">
      {notices.map((n) => (
        <div key={n.key} className={`app-notice app-notice-${n.tone}`} role={n.tone === 'info' ? 'status' : 'alert'}>
          <div className="app-notice-text">
            <strong className="app-notice-title">{n.title}</strong>
            {n.message ? <span className="app-notice-message"> {n.message}</span> : null}
          </div>
          <button type="button" className="button button-ghost button-small" onClick={() => dismiss(n.key)} aria-label={`Dismiss: ${n.title}`}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
