/**
 * The UI's client-side routes (apps/web/src/routes.tsx). The server answers each with
 * index.html so a reload or a pasted link lands on the right page. `/api/*`, `/ws/*`, `/docs`
 * and every other path are left to their own routes or the 404 handler.
 */
export const clientRoutes: readonly string[] = [
  '/',
  '/status',
  '/status/*',
  '/x/:id',
  '/rules',
  '/rules/*',
  '/lab/*',
  '/history',
];
