// Applies the saved theme (or the system preference) before the first paint, so a dark-mode
// user never sees a white flash. Mirrors src/theme/theme-store.ts; keep the key in sync.
/* global window, document */
(function () {
  var choice = null;
  try {
    choice = window.localStorage.getItem('switchyard.theme');
  } catch {
    choice = null;
  }
  var dark =
    choice === 'dark' ||
    (choice !== 'light' &&
      window.matchMedia &&
      window.matchMedia('(prefers-color-scheme: dark)').matches);
  document.documentElement.classList.toggle('dark', dark);
})();
