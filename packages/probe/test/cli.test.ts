import { spawn } from 'node:child_process';
import { existsSync, readFileSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWsEcho } from './support/peers.js';
import { startRawServer } from './support/tap.js';

const BIN = fileURLToPath(new URL('../bin/switchyard.js', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** Runs the built CLI; resolves with its exit code and output (killed after 20 s). */
function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill(), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('switchyard probe (built CLI)', () => {
  let ws: Awaited<ReturnType<typeof startWsEcho>>;
  let badAccept: Awaited<ReturnType<typeof startRawServer>>;
  beforeAll(async () => {
    if (!existsSync(DIST)) throw new Error('build @switchyard/probe first (dist/cli.js missing)');
    ws = await startWsEcho();
    badAccept = await startRawServer(() =>
      Buffer.from(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n',
      ),
    );
  });
  afterAll(async () => {
    await ws.close();
    await badAccept.close();
  });

  it('exits 0 on a good handshake, prints the raw exchange, writes HAR', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'probe-cli-'));
    const har = path.join(dir, 'out.har');
    const r = await run([
      'probe',
      `ws://127.0.0.1:${ws.port}/x`,
      '-H',
      'X-Probe: yes',
      '--send',
      'hi there',
      '--wait',
      '100',
      '--har',
      har,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code, `${r.stderr}\n${r.stdout}`).toBe(0);
    expect(r.stdout).toContain('> X-Probe: yes');
    expect(r.stdout).toContain('< HTTP/1.1 101 Switching Protocols');
    expect(r.stdout).toContain('"hi there"');
    expect(r.stdout).not.toContain('\u001b['); // no colour when stdout is not a TTY
    const doc = JSON.parse(readFileSync(har, 'utf8')) as { log: { entries: unknown[] } };
    expect(doc.log.entries).toHaveLength(1);
  });

  it('--har redacts credentials as the server does before storage; the terminal shows them as sent', async () => {
    const secrets = ['query-secret-1', 'header-secret-2', 'cookie-secret-3', 'set-cookie-secret-4'];
    // Answers 200 with the request head it received as the body (as a diagnostic echo would).
    const echoHead = await startRawServer((received) => {
      const body = Buffer.from(received);
      return Buffer.concat([
        Buffer.from(
          'HTTP/1.1 200 OK\r\nSet-Cookie: sid=set-cookie-secret-4; HttpOnly\r\n' +
            `Content-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n`,
        ),
        body,
      ]);
    });
    try {
      const dir = mkdtempSync(path.join(tmpdir(), 'probe-cli-'));
      const har = path.join(dir, 'redacted.har');
      const r = await run([
        'probe',
        `http://127.0.0.1:${echoHead.port}/echo?token=query-secret-1&keep=yes`,
        '-H',
        'Authorization: Bearer header-secret-2',
        '-H',
        'Cookie: session=cookie-secret-3',
        '--har',
        har,
      ]);
      expect(r.code, `${r.stderr}\n${r.stdout}`).toBe(0);
      // The credentials did travel (so their absence below is redaction, not omission) ...
      const wire = Buffer.from(echoHead.received()).toString('latin1');
      for (const secret of secrets.slice(0, 3)) expect(wire).toContain(secret);
      expect(r.stdout).toContain('> Authorization: Bearer header-secret-2');

      // ... and none is in the HAR: not in its text, nor in the base64 raw heads.
      const text = readFileSync(har, 'utf8');
      interface Entry {
        request: {
          url: string;
          headers: { name: string; value: string }[];
          queryString: { name: string; value: string }[];
        };
        response: {
          headers: { name: string; value: string }[];
          content: { text?: string; encoding?: string };
        };
        _switchyard: {
          requestRaw?: string;
          responseRaw?: string;
          redactions: { location: string; name: string }[];
        };
      }
      const entry = (JSON.parse(text) as { log: { entries: Entry[] } }).log.entries[0]!;
      const decoded = [entry._switchyard.requestRaw, entry._switchyard.responseRaw].map((raw) =>
        Buffer.from(raw ?? '', 'base64').toString('latin1'),
      );
      expect(decoded[0]).toMatch(/^GET \/echo\?token=\[redacted\]&keep=yes HTTP\/1\.1\r\n/);
      expect(decoded[1]).toContain('Set-Cookie: [redacted]\r\n');
      for (const secret of secrets) {
        expect(text).not.toContain(secret);
        for (const raw of decoded) expect(raw).not.toContain(secret);
      }
      const value = (list: { name: string; value: string }[], name: string) =>
        list.find((h) => h.name.toLowerCase() === name)?.value;
      expect(value(entry.request.headers, 'authorization')).toBe('[redacted]');
      expect(value(entry.request.headers, 'cookie')).toBe('[redacted]');
      expect(value(entry.response.headers, 'set-cookie')).toBe('[redacted]');
      expect(entry.request.queryString).toEqual([
        { name: 'token', value: '[redacted]' },
        { name: 'keep', value: 'yes' },
      ]);
      expect(entry.request.url).toContain('token=%5Bredacted%5D&keep=yes');
      // The echoed head in the body preview is scrubbed too, and every replacement is listed.
      expect(entry.response.content.text).toContain('Authorization: [redacted]');
      expect(entry._switchyard.redactions).toEqual(
        expect.arrayContaining([
          { location: 'query', name: 'token' },
          { location: 'request-header', name: 'Authorization', index: 3 },
          { location: 'request-header', name: 'Cookie', index: 4 },
          { location: 'request-raw', name: 'raw' },
          { location: 'response-header', name: 'Set-Cookie', index: 0 },
          { location: 'response-raw', name: 'raw' },
          { location: 'response-body', name: 'preview' },
        ]),
      );
    } finally {
      await echoHead.close();
    }
  });

  it('exits 1 when the handshake fails, with the finding in JSON', async () => {
    const r = await run(['probe', `ws://127.0.0.1:${badAccept.port}/`, '--json']);
    expect(r.code, `${r.stderr}\n${r.stdout}`).toBe(1);
    const out = JSON.parse(r.stdout) as { exchanges: { probe: { outcome: string } }[] };
    expect(out.exchanges[0]!.probe.outcome).toBe('handshake-failed');
  });

  it('exits 2 on a usage error and 3 when nothing listens', async () => {
    expect((await run(['probe'])).code).toBe(2);
    expect((await run(['probe', 'ftp://127.0.0.1/'])).code).toBe(2);
    // A port that was free a moment ago: nothing listens there.
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const r = await run(['probe', `http://127.0.0.1:${port}/`]);
    expect(r.code, `${r.stderr}\n${r.stdout}`).toBe(3);
    expect(r.stderr).toMatch(/ECONNREFUSED/);
  });
});
