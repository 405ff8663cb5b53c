/** The config module: defaults, validation with clear messages, and exit code 2 at start. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('has defaults that suit a developer machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      delayCapMs: 30_000,
      bodyLimit: 1_048_576,
      maxHeaderSize: 16_384,
      rateLimitMax: 0,
    });
  });

  it('reads every setting', () => {
    const config = loadConfig({
      PORT: '9000',
      DELAY_CAP_MS: '5000',
      BODY_LIMIT: '2048',
      MAX_HEADER_SIZE: '4096',
      HEADERS_TIMEOUT_MS: '1000',
      REQUEST_TIMEOUT_MS: '2000',
      RATE_LIMIT_MAX: '100',
      RATE_LIMIT_WINDOW_MS: '1000',
    });
    expect(config).toMatchObject({
      port: 9000,
      delayCapMs: 5000,
      bodyLimit: 2048,
      maxHeaderSize: 4096,
      headersTimeoutMs: 1000,
      requestTimeoutMs: 2000,
      rateLimitMax: 100,
      rateLimitWindowMs: 1000,
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT="abc" is not a whole number'],
    [{ PORT: '70000' }, 'PORT=70000 is out of range'],
    [{ DELAY_CAP_MS: '-1' }, 'DELAY_CAP_MS="-1" is not a whole number'],
    [{ BODY_LIMIT: '0' }, 'BODY_LIMIT=0 is out of range'],
    [{ MAX_HEADER_SIZE: '1k' }, 'MAX_HEADER_SIZE="1k" is not a whole number'],
    [{ RATE_LIMIT_MAX: '1.5' }, 'RATE_LIMIT_MAX="1.5" is not a whole number'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL="loud" is not one of'],
    [
      { HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' },
      'REQUEST_TIMEOUT_MS=1000 is shorter',
    ],
  ])('rejects %j with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reports every problem at once', () => {
    try {
      loadConfig({ PORT: 'x', BODY_LIMIT: 'y' });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).problems).toHaveLength(2);
    }
  });
});

describe('node dist/main.js', () => {
  const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const main = path.join(serverDir, 'dist', 'main.js');

  it('exits with code 2 and a clear message on PORT=abc', async () => {
    const child = spawn(process.execPath, [main], {
      cwd: serverDir,
      env: { PATH: process.env.PATH, PORT: 'abc' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error('main.js did not exit'));
      }, 15_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect(code).toBe(2);
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toContain('PORT="abc" is not a whole number');
  }, 20_000);
});
