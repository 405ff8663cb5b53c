import { useCallback, useEffect, useState } from 'react';
import { applyTheme, readSavedTheme, saveTheme, systemTheme, type Theme } from './theme-store.js';

/**
 * The current theme and a toggle. Without a saved choice the theme follows the system
 * preference, live; toggling saves an explicit choice.
 */
export function useTheme(): { theme: Theme; toggle: () => void } {
  const [saved, setSaved] = useState<Theme | null>(() => readSavedTheme());
  const [system, setSystem] = useState<Theme>(() => systemTheme());
  const theme = saved ?? system;

  useEffect(() => {
    const query = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
    if (!query) return;
    const onChange = () => setSystem(query.matches ? 'dark' : 'light');
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  useEffect(() => applyTheme(theme), [theme]);

  const toggle = useCallback(() => {
    const next: Theme = theme === 'dark' ? 'light' : 'dark';
    saveTheme(next);
    setSaved(next);
  }, [theme]);

  return { theme, toggle };
}
