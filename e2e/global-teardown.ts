/** Removes the temporary DATA_DIR playwright.config.ts made for the server (only that one). */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function globalTeardown(): void {
  const dir = process.env.SWITCHYARD_E2E_DATA;
  if (!dir) return;
  const resolved = path.resolve(dir);
  const isOurs =
    path.dirname(resolved) === path.resolve(tmpdir()) &&
    path.basename(resolved).startsWith('switchyard-e2e-');
  if (isOurs) rmSync(resolved, { recursive: true, force: true });
}
