/** Independent WebSocket peers for the probe's tests, all on 127.0.0.1 port 0. */
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { WebSocketServer } from 'ws';

/** A `ws` echo server that keeps the raw request headers it saw. */
export async function startWsEcho(): Promise<{
  port: number;
  rawHeaders: () => string[][];
  close: () => Promise<void>;
}> {
  const seen: string[][] = [];
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: true });
  wss.on('connection', (ws, req: IncomingMessage) => {
    seen.push(req.rawHeaders);
    ws.on('error', () => undefined); // ws reports the probe's deliberate protocol errors here
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  return {
    port: (wss.address() as AddressInfo).port,
    rawHeaders: () => seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}

/** Debian's python3 with python3-websockets 10.4 (not the pyenv python3 on PATH). */
export const DEBIAN_PYTHON = '/usr/bin/python3';

/** Starts test/support/py-ws-server.py and resolves with its port. */
export async function startPythonEcho(): Promise<{ port: number; close: () => void }> {
  const script = fileURLToPath(new URL('./py-ws-server.py', import.meta.url));
  const child: ChildProcess = spawn(DEBIAN_PYTHON, [script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('python server did not start in 10 s')),
      10_000,
    );
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /^(\d+)\s/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`python server exited with ${code}`));
    });
  });
  return {
    port,
    close: () => {
      child.stdin!.end();
      child.kill();
    },
  };
}
