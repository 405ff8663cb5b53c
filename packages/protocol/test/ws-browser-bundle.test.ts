/**
 * The core must run in a browser: bundle src/index.ts for platform "browser" with esbuild (which
 * fails on any node:* import or Node built-in), then run the bundle in a bare VM context that has
 * no Node globals (no Buffer, process, require) and use it.
 */
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));

describe('browser bundle', () => {
  it('bundles for the browser with no Node built-ins and works without Node globals', async () => {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'Protocol',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((p) => p.startsWith('node:') || p.includes('node_modules'))).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/\brequire\(|from ['"]node:/);

    const sandbox = vm.createContext({ TextEncoder, TextDecoder });
    const accept = vm.runInContext(
      `${code}; Protocol.computeAccept('dGhlIHNhbXBsZSBub25jZQ==')`,
      sandbox,
    ) as string;
    expect(accept).toBe('s3pPLMBiTxaQ9kYGzzhZRbK+xOo=');
    const nodeGlobals = vm.runInContext(
      `[typeof Buffer, typeof process, typeof require].join()`,
      sandbox,
    ) as string;
    expect(nodeGlobals).toBe('undefined,undefined,undefined');
    const parsed = vm.runInContext(
      `(() => { const p = new Protocol.FrameParser({ direction: 'server-to-client' });
        const ev = p.push(new Uint8Array([0x81, 0x02, 0x68, 0x69]));
        return new TextDecoder().decode(ev[1].data); })()`,
      sandbox,
    ) as string;
    expect(parsed).toBe('hi');
  }, 60_000);
});
