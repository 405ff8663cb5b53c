import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { getStatus } from '../src/index.js';
import type { Snippet, UpgradeGuide } from '../src/index.js';

// RFC 6455 §1.3 / §4.2.2: the worked example of the opening handshake.
const SAMPLE_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const SAMPLE_ACCEPT = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=';
const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const CURL_HANDSHAKE =
  "curl -i -N -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' " +
  "-H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' http://localhost:8080/api/status/101";

function guide(code: 101 | 426): UpgradeGuide {
  const found = getStatus(code)?.upgrade;
  if (found === undefined) throw new Error(`${code} has no upgrade guide`);
  return found;
}

function snippetsOf(g: UpgradeGuide): Snippet[] {
  return [
    ...g.servers,
    ...g.proxies,
    ...g.checklist.flatMap((s) => (s.snippet ? [s.snippet] : [])),
  ];
}

const allSnippets = [...snippetsOf(guide(101)), ...snippetsOf(guide(426))];
const hasBinary = (name: string) => spawnSync('which', [name]).status === 0;
const PYTHON = '/usr/bin/python3'; // Debian's, with python3-websockets (COMMON.md rule 5)
const hasPython = spawnSync(PYTHON, ['-c', 'import websockets']).status === 0;

/** One HTTP/1.1 exchange on loopback; resolves with the status and head (101 included). */
function exchange(
  port: number,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/ws', headers, timeout: 5000 });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', reject);
    req.end();
  });
}

const handshake = (version = '13') => ({
  Connection: 'Upgrade',
  Upgrade: 'websocket',
  'Sec-WebSocket-Version': version,
  'Sec-WebSocket-Key': SAMPLE_KEY,
});

describe('snippets are present and well formed', () => {
  it('every snippet has a title, a known language and code', () => {
    const languages = ['ts', 'python', 'java', 'go', 'nginx', 'apache', 'bash', 'text'];
    expect(allSnippets.length).toBeGreaterThan(10);
    for (const s of allSnippets) {
      expect(s.title.trim(), 'title').not.toBe('');
      expect(languages, s.title).toContain(s.language);
      expect(s.code.trim().length, s.title).toBeGreaterThan(20);
    }
  });

  it('101 shows how ws, Starlette/FastAPI, Channels, Spring and gorilla produce the 101', () => {
    const code = guide(101).servers.map((s) => s.code);
    const has = (...needles: string[]) =>
      code.some((c) => needles.every((needle) => c.includes(needle)));
    expect(has('handleUpgrade(req, socket, head', "server.on('upgrade'", 'noServer: true')).toBe(
      true,
    );
    expect(has('@app.websocket(', 'await websocket.accept()')).toBe(true);
    expect(
      has('AsyncWebsocketConsumer', 'await self.accept()', 'ProtocolTypeRouter', 'URLRouter'),
    ).toBe(true);
    expect(has('implements WebSocketConfigurer', 'registerWebSocketHandlers', 'addHandler(')).toBe(
      true,
    );
    expect(has('websocket.Upgrader', 'upgrader.Upgrade(w, r, nil)')).toBe(true);
  });

  it('426 says how each of those servers refuses, and sends Upgrade in its own 426s', () => {
    const servers = guide(426).servers;
    for (const needle of ['ws', 'gorilla', 'Spring', 'Starlette', 'Channels']) {
      expect(
        servers.some((s) => s.title.includes(needle)),
        needle,
      ).toBe(true);
    }
    for (const s of servers) {
      if (/StatusUpgradeRequired|writeHead\(426|status_code=426/.test(s.code)) {
        expect(s.code, s.title).toMatch(/Upgrade['"]?[,:]\s*['"]websocket/);
      }
    }
  });

  it('the nginx snippet forwards the upgrade (HTTP/1.1, Upgrade, Connection via map)', () => {
    const nginx = guide(101).proxies.find((p) => p.language === 'nginx');
    expect(nginx?.code).toContain('proxy_http_version 1.1;');
    expect(nginx?.code).toContain('proxy_set_header Upgrade $http_upgrade;');
    expect(nginx?.code).toContain('proxy_set_header Connection $connection_upgrade;');
    expect(nginx?.code).toMatch(/map \$http_upgrade \$connection_upgrade \{[^}]*default upgrade;/);
    expect(nginx?.code).toContain('proxy_read_timeout');
    // Every directive ends in ";" and blocks balance (a small stand-in for `nginx -t`).
    let depth = 0;
    for (const raw of nginx?.code.split('\n') ?? []) {
      const line = raw.replace(/#.*/, '').trim();
      if (line === '') continue;
      depth += (line.match(/\{/g) ?? []).length - (line.match(/\}/g) ?? []).length;
      expect(depth, line).toBeGreaterThanOrEqual(0);
      expect(line, 'directive terminated').toMatch(/[;{}]$/);
    }
    expect(depth).toBe(0);
  });

  it('the Apache snippets cover mod_proxy_http upgrade=websocket and mod_proxy_wstunnel', () => {
    const apache = guide(101).proxies.filter((p) => p.language === 'apache');
    expect(
      apache.some((p) => /ProxyPass\s+"\/ws\/"\s+"http:[^"]+"\s+upgrade=websocket/.test(p.code)),
    ).toBe(true);
    expect(
      apache.some((p) => p.code.includes('mod_proxy_wstunnel') && p.code.includes('"ws://')),
    ).toBe(true);
  });

  it('TypeScript snippets parse', () => {
    for (const s of allSnippets.filter((x) => x.language === 'ts')) {
      const out = ts.transpileModule(s.code, {
        reportDiagnostics: true,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      });
      const messages = (out.diagnostics ?? []).map((d) =>
        ts.flattenDiagnosticMessageText(d.messageText, '\n'),
      );
      expect(messages, s.title).toEqual([]);
    }
  });

  it('bash snippets parse (bash -n)', () => {
    for (const s of allSnippets.filter((x) => x.language === 'bash')) {
      const r = spawnSync('bash', ['-n'], { input: s.code, encoding: 'utf8', timeout: 10_000 });
      expect(r.stderr, s.title).toBe('');
      expect(r.status, s.title).toBe(0);
    }
  });

  it.skipIf(!hasPython)('Python snippets parse (Python ast)', () => {
    for (const s of allSnippets.filter((x) => x.language === 'python')) {
      const r = spawnSync(PYTHON, ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], {
        input: s.code,
        encoding: 'utf8',
        timeout: 10_000,
      });
      expect(r.stderr, s.title).toBe('');
    }
  });

  it.skipIf(!hasBinary('javac'))(
    'Java snippets have no syntax errors (javac; Spring itself is absent, so only symbols fail)',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'sy-java-'));
      try {
        const files = allSnippets
          .filter((x) => x.language === 'java')
          .map((s) => {
            const name = /public class (\w+)/.exec(s.code)?.[1];
            expect(name, s.title).toBeDefined();
            const file = join(dir, `${name}.java`);
            writeFileSync(file, s.code);
            return file;
          });
        const r = spawnSync('javac', ['-d', join(dir, 'out'), ...files], {
          encoding: 'utf8',
          timeout: 60_000,
        });
        const errors = r.stderr.split('\n').filter((l) => /: error: /.test(l));
        expect(errors.length).toBeGreaterThan(0); // proves javac ran and reported
        const symbolOnly =
          /does not exist|cannot find symbol|does not override or implement|method does not override/;
        expect(errors.filter((l) => !symbolOnly.test(l))).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    90_000,
  );
});

describe('debugging checklist', () => {
  const steps = guide(101).checklist;
  const text = steps.map((s) => `${s.step}\n${s.detail}\n${s.snippet?.code ?? ''}`).join('\n');

  it('covers devtools, curl, the Accept value, the proxy and keepalive, in that order', () => {
    const order = [/devtools/i, /curl/i, /Sec-WebSocket-Accept/, /proxy/i, /alive/i];
    let last = -1;
    for (const pattern of order) {
      const index = steps.findIndex((s) => pattern.test(s.step));
      expect(index, String(pattern)).toBeGreaterThan(last);
      last = index;
    }
    expect(text).toMatch(/Messages tab/);
    expect(text).toMatch(/101 Switching Protocols/);
    expect(text).toMatch(/ping[\s\S]{0,120}pong/);
    expect(text).toMatch(/101 direct but 200 through the proxy[\s\S]{0,200}\b400\b/);
  });

  it('gives the curl handshake exactly', () => {
    expect(steps.some((s) => s.snippet?.code === CURL_HANDSHAKE)).toBe(true);
  });

  it('states the RFC 6455 sample Accept, which SHA-1 + base64 of key and GUID confirms', () => {
    const expected = createHash('sha1')
      .update(SAMPLE_KEY + GUID)
      .digest('base64');
    expect(expected).toBe(SAMPLE_ACCEPT);
    expect(text).toContain(SAMPLE_KEY);
    expect(text).toContain(SAMPLE_ACCEPT);
    expect(text).toContain(GUID);
  });

  it.skipIf(!hasBinary('openssl'))('the openssl one-liner prints that Accept value', () => {
    const oneLiner = steps.find((s) => s.snippet?.code.includes('openssl'))?.snippet?.code;
    expect(oneLiner).toBeDefined();
    const r = spawnSync('bash', ['-c', oneLiner ?? 'false'], { encoding: 'utf8', timeout: 10_000 });
    expect(r.stdout.trim()).toBe(SAMPLE_ACCEPT);
  });
});

describe('claims about ws hold against the real ws library', () => {
  let dir = '';
  let server: Server | undefined;

  beforeAll(async () => {
    // Run the guide's own Node 426 snippet: transpile it, point its import of 'ws' at the
    // installed package and listen on an ephemeral loopback port instead of 8080.
    const snippet = guide(426).servers.find((s) => s.language === 'ts');
    if (snippet === undefined) throw new Error('no Node snippet in the 426 guide');
    const wsEntry = join(dirname(createRequire(import.meta.url).resolve('ws')), 'wrapper.mjs');
    const js = ts
      .transpileModule(snippet.code, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      })
      .outputText.replace("from 'ws'", `from '${pathToFileURL(wsEntry).href}'`)
      .replace('server.listen(8080);', "server.listen(0, '127.0.0.1');\nexport { server };");
    expect(js).toContain('export { server }');
    dir = mkdtempSync(join(tmpdir(), 'sy-426-'));
    const file = join(dir, 'snippet.mjs');
    writeFileSync(file, js);
    const mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as { server: Server };
    server = mod.server;
    if (!server.listening) await new Promise((resolve) => server?.once('listening', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  const port = () => (server?.address() as AddressInfo).port;

  it('the snippet answers plain HTTP with 426 carrying Upgrade and Connection', async () => {
    const r = await exchange(port(), {});
    expect(r.status).toBe(426);
    expect(r.headers.upgrade).toBe('websocket');
    expect(r.headers.connection?.toLowerCase()).toBe('upgrade');
  });

  it('the snippet upgrades a valid handshake with the RFC 6455 sample Accept', async () => {
    const r = await exchange(port(), handshake());
    expect(r.status).toBe(101);
    expect(r.headers['sec-websocket-accept']).toBe(SAMPLE_ACCEPT);
  });

  it('ws answers a bad Sec-WebSocket-Version with 400 and "13, 8", as the guide says', async () => {
    const r = await exchange(port(), handshake('12'));
    expect(r.status).toBe(400);
    expect(r.headers['sec-websocket-version']).toBe('13, 8');
    const snippet = guide(426).servers.find((s) => s.language === 'ts');
    expect(snippet?.code).toContain('"Sec-WebSocket-Version: 13, 8"');
  });

  it("ws's standalone server answers plain HTTP with 426 but no Upgrade, as the guide warns", async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    try {
      await new Promise((resolve) => wss.once('listening', resolve));
      const r = await exchange((wss.address() as AddressInfo).port, {});
      expect(r.status).toBe(426);
      expect(r.headers.upgrade).toBeUndefined();
      expect(guide(426).servers.some((s) => /sends no Upgrade field/.test(s.note ?? ''))).toBe(
        true,
      );
    } finally {
      await new Promise((resolve) => wss.close(resolve));
    }
  });
});

describe.skipIf(!hasPython)('claims about python-websockets 10.4 hold', () => {
  it('plain HTTP gets 426 with Upgrade: websocket; a bad version gets 400', async () => {
    const script = [
      'import asyncio, websockets',
      'async def handler(ws, path):',
      '    await ws.close()',
      'async def main():',
      '    async with websockets.serve(handler, "127.0.0.1", 0) as server:',
      '        print(server.sockets[0].getsockname()[1], flush=True)',
      '        await asyncio.sleep(30)',
      'asyncio.run(main())',
    ].join('\n');
    const child = spawn(PYTHON, ['-c', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('python server did not start')), 15_000);
        child.stdout.once('data', (chunk: Buffer) => {
          clearTimeout(timer);
          resolve(Number(String(chunk).trim()));
        });
        child.once('exit', () => reject(new Error('python server exited')));
      });
      const plain = await exchange(port, {});
      expect(plain.status).toBe(426);
      expect(plain.headers.upgrade).toBe('websocket');
      const badVersion = await exchange(port, handshake('12'));
      expect(badVersion.status).toBe(400);
      const text = guide(426).servers.find((s) => s.title.includes('python-websockets'))?.code;
      expect(text).toMatch(/426 Upgrade Required\s+Upgrade: websocket/);
      expect(text).toMatch(/Sec-WebSocket-Version[^.]*400 Bad Request/);
    } finally {
      child.kill();
    }
  }, 30_000);
});
