/**
 * The theme choice: an explicit `light` or `dark` saved in localStorage, or none (follow the
 * system's `prefers-color-scheme`). public/theme-init.js applies the same rule before paint.
 */
export type Theme = 'light' | 'dark';

/** localStorage key; public/theme-init.js reads the same key. */
export const THEME_STORAGE_KEY = 'switchyard.theme';

/** The saved choice, or null when the user never chose (or storage is unavailable). */
export function readSavedTheme(
  storage: Storage | undefined = globalThis.localStorage,
): Theme | null {
  try {
    const value = storage?.getItem(THEME_STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

/** Saves the choice; failures (private mode, quota) are ignored: the theme still applies. */
export function saveTheme(
  theme: Theme,
  storage: Storage | undefined = globalThis.localStorage,
): void {
  try {
    storage?.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // Storage unavailable: the choice lasts for this page only.
  }
}

/** The system preference, light when the browser cannot tell. */
export function systemTheme(): Theme {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Sets or clears the `dark` class on <html> (Tailwind's dark variant keys on it). */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  root.classList.toggle('dark', theme === 'dark');
}
