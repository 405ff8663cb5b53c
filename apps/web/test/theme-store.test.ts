import { describe, expect, it } from 'vitest';
import themeInitScript from '../public/theme-init.js?raw';
import {
  applyTheme,
  readSavedTheme,
  saveTheme,
  THEME_STORAGE_KEY,
} from '../src/theme/theme-store.js';

describe('theme store', () => {
  it('saves and reads an explicit choice, ignoring junk', () => {
    localStorage.clear();
    expect(readSavedTheme()).toBeNull();
    saveTheme('dark');
    expect(readSavedTheme()).toBe('dark');
    localStorage.setItem(THEME_STORAGE_KEY, 'purple');
    expect(readSavedTheme()).toBeNull();
  });

  it('toggles the dark class on the root element', () => {
    const root = document.createElement('html');
    applyTheme('dark', root);
    expect(root.classList.contains('dark')).toBe(true);
    applyTheme('light', root);
    expect(root.classList.contains('dark')).toBe(false);
  });

  it('uses the same storage key as the pre-paint script', () => {
    expect(themeInitScript).toContain(`'${THEME_STORAGE_KEY}'`);
  });
});
