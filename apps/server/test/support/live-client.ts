/**
 * A `/api/live` WebSocket client for tests (the `ws` library): collects the server's JSON
 * messages; `waitFor` resolves with the first one matching, or rejects after a timeout.
 */
import WebSocket from 'ws';

export type LiveMessage = Record<string, unknown>;

export interface LiveClient {
  ws: WebSocket;
  messages: LiveMessage[];
  send(message: unknown): void;
  waitFor(pred: (m: LiveMessage) => boolean, timeoutMs?: number): Promise<LiveMessage>;
}

/** Connects to `ws://127.0.0.1:<port>/api/live` (bounded: 15 s). Terminate `ws` when done. */
export async function liveClient(port: number): Promise<LiveClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api/live`);
  const messages: LiveMessage[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as LiveMessage);
    for (const w of [...waiters]) w();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('live socket did not open')), 15_000);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve();
    });
    ws.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  const waitFor = (pred: (m: LiveMessage) => boolean, timeoutMs = 15_000) =>
    new Promise<LiveMessage>((resolve, reject) => {
      const check = () => {
        const hit = messages.find(pred);
        if (!hit) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(hit);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out; got ${JSON.stringify(messages).slice(0, 2000)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { ws, messages, waitFor, send: (m) => ws.send(JSON.stringify(m)) };
}
