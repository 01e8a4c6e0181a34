import type { ThemePreference } from '../../store/app-store';
import { useAppStore } from '../../store/context';
import { selectThemePreference } from '../../store/selectors';

const NEXT: Record<ThemePreference, ThemePreference> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemePreference, string> = { system: 'Theme: system', light: 'Theme: light', dark: 'Theme: dark' };

/** Cycles the theme: follow the system → light → dark. */
export function ThemeToggle() {
  const preference = useAppStore(selectThemePreference);
  const setThemePreference = useAppStore((s) => s.setThemePreference);
  return (
    <button
      type="button"
      className="button button-ghost icon-button"
      onClick={() => setThemePreference(NEXT[preference])}
      title={`${LABEL[preference]} (click to change)`}
      aria-label={`${LABEL[preference]}. Change theme`}
    >
      <svg className="icon" viewBox="0 0 16 16" aria-hidden="true">
        {preference === 'light' ? (
          <g fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round">
            <circle cx="8" cy="8" r="3" />
            <path d="M8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1" />
          </g>
        ) : preference === 'dark' ? (
          <path d="M13 9.5A5.5 5.5 0 0 1 6.5 3a5.5 5.5 0 1 0 6.5 6.5z" fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
        ) : (
          <g fill="none" stroke="currentColor" strokeWidth="1.4">
            <circle cx="8" cy="8" r="5.5" />
            <path d="M8 2.5v11a5.5 5.5 0 0 0 0-11z" fill="currentColor" />
          </g>
        )}
      </svg>
    </button>
  );
}
