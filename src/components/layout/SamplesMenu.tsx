import { useNavigate } from 'react-router';
import { SAMPLES } from '../../samples';
import { useAppStore } from '../../store/context';
import { selectLoadText } from '../../store/selectors';
import { useMenu } from './use-menu';

/** A small menu of built-in sample sessions. */
export function SamplesMenu() {
  const { open, setOpen, menuId, rootRef, buttonRef, onMenuKey } = useMenu();
  const loadText = useAppStore(selectLoadText);
  const navigate = useNavigate();

  return (
    <div className="menu-root" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
      >
        Samples
        <svg className="icon icon-chevron" viewBox="0 0 16 16" aria-hidden="true">
          <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      {open ? (
        <div id={menuId} role="menu" className="menu" aria-label="Sample sessions" onKeyDown={onMenuKey}>
          {SAMPLES.map((s) => (
            <button
              key={s.id}
              type="button"
              role="menuitem"
              className="menu-item"
              onClick={() => {
                loadText(s.text, s.title);
                setOpen(false);
                void navigate('/');
              }}
            >
              <span className="menu-item-title">{s.title}</span>
              <span className="menu-item-desc">{s.description}</span>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
