/**
 * Vite config for the UI. `pnpm --filter @switchyard/web dev` serves it with hot reload and
 * proxies the server's routes to the Fastify server on 8080 (start it with `pnpm dev` at the
 * root). Client routes (`/`, `/status/...`, `/x/...`, `/rules`, `/lab/...`) stay with Vite.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

const serverOrigin = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // The status catalog is large prose data shared by the status pages: give its chunk a
        // name that says so (it is not part of the initial route).
        codeSplitting: { groups: [{ name: 'catalog', test: /packages[\\/]catalog[\\/]/ }] },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/api': { target: serverOrigin, ws: true },
      '/ws': { target: serverOrigin, ws: true },
      '/sse': { target: serverOrigin },
      '/docs': { target: serverOrigin },
      '/healthz': { target: serverOrigin },
    },
  },
});
