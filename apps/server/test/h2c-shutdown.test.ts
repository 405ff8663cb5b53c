/**
 * Issue 8: an HTTP/2 exchange whose response is complete waits (up to 2 s) for its stream to
 * close on the wire before it is stored, so that it gets every frame. When the server shuts
 * down during that wait, the exchange must still reach the store, with the frames seen so far
 * and a note saying why it was not waited for. Checked against a real SQLite file, reopened by a
 * second app after the first one closed.
 */
import http2 from 'node:http2';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { listenApp, makeApp } from './support/http.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'switchyard-h2-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it('stores an HTTP/2 exchange still waiting for its stream when the server closes', async () => {
  const env = { STORAGE: 'sqlite', DATA_DIR: dataDir, TLS: 'off' };
  const { app, port } = await listenApp(env);
  const client = http2.connect(`http://127.0.0.1:${port}`);
  client.on('error', () => {});
  let id: string | undefined;
  try {
    // A GET whose client side stays open (no END_STREAM): the server answers at once, and the
    // stream is then half-closed (remote), not closed (RFC 9113 §5.1).
    const stream = client.request(
      { ':method': 'GET', ':path': '/api/status/200' },
      {
        endStream: false,
      },
    );
    stream.on('error', () => {});
    const headers = await new Promise<http2.IncomingHttpHeaders>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no response within 15 s')), 15_000);
      stream.once('response', (h) => {
        clearTimeout(timer);
        resolve(h);
      });
    });
    expect(headers[':status']).toBe(200);
    id = headers['x-switchyard-capture'] as string | undefined;
    expect(id).toBeTypeOf('string');
    await new Promise<void>((resolve) => {
      stream.resume();
      stream.once('end', () => resolve());
      setTimeout(resolve, 10_000);
    });
  } finally {
    // Close while the exchange waits for the stream (the client never ended its side).
    await app.close();
    client.destroy();
  }

  const reopened = await makeApp(env);
  try {
    const stored = await reopened.exchangeStore.get(id!);
    expect(stored).toBeDefined();
    expect(stored!.response?.status).toBe(200);
    expect(stored!.notes.map((n) => n.text)).toContain(
      'server shutting down: HTTP/2 frames after this point not captured',
    );
    // The frames seen so far: the request's HEADERS without END_STREAM, and the response.
    const frames = stored!.http2!.frames;
    const requestHeaders = frames.find(
      (f) => f.direction === 'client-to-server' && f.typeName === 'HEADERS' && f.streamId === 1,
    );
    expect(requestHeaders?.flagNames).not.toContain('END_STREAM');
    expect(frames.some((f) => f.direction === 'server-to-client' && f.typeName === 'HEADERS')).toBe(
      true,
    );
  } finally {
    await reopened.close();
  }
});
