import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ThemeToggle } from '../src/shell/theme-toggle.js';
import { THEME_STORAGE_KEY } from '../src/theme/theme-store.js';

describe('ThemeToggle', () => {
  it('switches the dark class and its pressed state, and saves the choice', async () => {
    localStorage.clear();
    document.documentElement.classList.remove('dark');
    const user = userEvent.setup();
    render(<ThemeToggle />);
    const toggle = screen.getByRole('button', { name: 'Dark theme' });
    const startsDark = toggle.getAttribute('aria-pressed') === 'true';
    expect(document.documentElement.classList.contains('dark')).toBe(startsDark);
    await user.click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe(String(!startsDark));
    expect(document.documentElement.classList.contains('dark')).toBe(!startsDark);
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe(startsDark ? 'light' : 'dark');
  });
});
