import { useState } from 'react';
import { useLocation } from 'react-router';
import { useAppStore } from '../../store/context';
import { selectHasText } from '../../store/selectors';
import { ShareDialog } from './ShareDialog';

/** Header button that opens the Share dialog (needs text in the workspace). */
export function ShareButton() {
  const [open, setOpen] = useState(false);
  const hasText = useAppStore(selectHasText);
  const { pathname } = useLocation();
  const enabled = hasText && pathname === '/';
  return (
    <>
      <button
        type="button"
        className="button"
        disabled={!enabled}
        title={enabled ? 'Share this analysis as a link or a file' : pathname === '/' ? 'Paste or open a session to share it' : 'Go to the workspace to share your analysis'}
        onClick={() => setOpen(true)}
      >
        <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
          <g fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round">
            <path d="M6.5 9.5l3-3" />
            <path d="M7 4.5l1.3-1.3a2.5 2.5 0 0 1 3.5 3.5L10.5 8" />
            <path d="M9 11.5l-1.3 1.3a2.5 2.5 0 0 1-3.5-3.5L5.5 8" />
          </g>
        </svg>
        <span className="button-label button-label-wide">Share</span>
      </button>
      {open ? <ShareDialog onClose={() => setOpen(false)} /> : null}
    </>
  );
}
