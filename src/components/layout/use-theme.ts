import { useEffect } from 'react';
import { useSystemColorScheme } from '../../lib/use-color-scheme';
import { useAppStore } from '../../store/context';
import { selectThemePreference } from '../../store/selectors';

/** The theme in effect: the user's choice, or the system's when set to "system". */
export function useResolvedTheme(): 'light' | 'dark' {
  const preference = useAppStore(selectThemePreference);
  const system = useSystemColorScheme();
  return preference === 'system' ? system : preference;
}

/** Apply the resolved theme to <html> (data-theme and color-scheme). */
export function useApplyTheme(): void {
  const theme = useResolvedTheme();
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
  }, [theme]);
}
