import { useState } from 'react';
import { HistoryDrawer } from './HistoryDrawer';

/** Header button that opens the History drawer. */
export function HistoryButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="button" aria-haspopup="dialog" onClick={() => setOpen(true)} title="Recent analyses kept in this browser">
        <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
          <g fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round">
            <path d="M2.5 8a5.5 5.5 0 1 0 1.6-3.9" />
            <path d="M2.5 2.5v2.5H5" />
            <path d="M8 5v3l2 1.5" />
          </g>
        </svg>
        <span className="button-label button-label-wide">History</span>
      </button>
      {open ? <HistoryDrawer onClose={() => setOpen(false)} /> : null}
    </>
  );
}
