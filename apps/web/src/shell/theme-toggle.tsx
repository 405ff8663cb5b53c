import { useTheme } from '../theme/use-theme.js';

/**
 * The dark-theme toggle: a button with `aria-pressed` (on = dark). Its name, "Dark theme",
 * contains its visible text, so speech users can say what they see (WCAG 2.5.3).
 */
export function ThemeToggle() {
  const { theme, toggle } = useTheme();
  const dark = theme === 'dark';
  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={dark}
      aria-label="Dark theme"
      title={dark ? 'Dark theme is on' : 'Dark theme is off'}
      className="rounded-md border border-zinc-300 px-2.5 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800 aria-pressed:border-teal-700 aria-pressed:bg-teal-700 aria-pressed:text-white"
    >
      <span aria-hidden="true">☾</span>
      <span className="ml-1.5 hidden sm:inline">Dark</span>
    </button>
  );
}
