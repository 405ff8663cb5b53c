/**
 * The client-side routes. The server answers each of these paths with index.html, so they work
 * on reload and as shared links (apps/server/src/features/web/plugin.ts lists the same
 * prefixes). The playground loads eagerly; other pages load on first visit to keep the initial
 * route's JavaScript small (issue 6 budget: 250 KB gzipped).
 */
import type { RouteObject } from 'react-router';
import { AppShell } from './shell/app-shell.js';
import { PlaygroundPage } from './pages/playground-page.js';
import { PageLoading } from './pages/page-loading.js';
import { RouteError } from './pages/route-error.js';

export const routes: RouteObject[] = [
  {
    path: '/',
    Component: AppShell,
    ErrorBoundary: RouteError,
    HydrateFallback: PageLoading,
    children: [
      { index: true, Component: PlaygroundPage },
      {
        path: 'status',
        lazy: async () => ({
          Component: (await import('./pages/status-list-page.js')).StatusListPage,
        }),
      },
      {
        path: 'status/:code',
        lazy: async () => ({ Component: (await import('./pages/status-page.js')).StatusPage }),
      },
      {
        path: 'x/:id',
        lazy: async () => ({ Component: (await import('./pages/exchange-page.js')).ExchangePage }),
      },
      {
        path: 'rules/*',
        lazy: async () => ({ Component: (await import('./pages/rules-page.js')).RulesPage }),
      },
      {
        path: 'history',
        lazy: async () => ({ Component: (await import('./pages/history-page.js')).HistoryPage }),
      },
      {
        path: 'lab/101',
        lazy: async () => ({ Component: (await import('./pages/lab-page.js')).LabPage }),
      },
      {
        path: 'lab/echo-paths',
        lazy: async () => ({
          Component: (await import('./pages/echo-paths-page.js')).EchoPathsPage,
        }),
      },
      {
        path: '*',
        lazy: async () => ({ Component: (await import('./pages/not-found-page.js')).NotFoundPage }),
      },
    ],
  },
];
