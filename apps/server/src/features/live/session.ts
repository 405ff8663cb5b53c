/**
 * One `/api/live` connection (protocol in index.ts), on whatever carried the WebSocket: an
 * HTTP/1.1 upgrade (the route in index.ts) or an RFC 8441 extended CONNECT stream on an HTTP/2
 * connection (features/h2c/extended-connect.ts), which is how Chromium opens `wss://` from a
 * page that came over h2.
 */
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { isShareId } from '@switchyard/exchange';
import type { LiveEvent } from '../../plugins/bus.js';

/** Ids one connection may follow at once. */
export const MAX_SUBSCRIPTIONS = 100;
/** Past this many bytes queued to a slow client, events are dropped (and counted). */
export const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Largest client message. */
const MAX_CLIENT_MESSAGE = 4096;

type ClientMessage = { subscribe?: unknown; unsubscribe?: unknown };

function parse(data: unknown): ClientMessage | undefined {
  const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
  if (text.length > MAX_CLIENT_MESSAGE) return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as ClientMessage)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Serves the live protocol on an open WebSocket until it closes (needs `app.bus`, `app.captures`). */
export function serveLive(app: FastifyInstance, socket: WebSocket): void {
  const ids = new Set<string>();
  let all = false;
  let dropped = 0;
  const send = (message: unknown) => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      dropped++;
      return;
    }
    if (dropped > 0) {
      socket.send(JSON.stringify({ type: 'dropped', count: dropped }));
      dropped = 0;
    }
    socket.send(JSON.stringify(message));
  };
  const onEvent = (event: LiveEvent) => {
    if (all || ids.has(event.id)) send(event);
  };
  let unsubscribe: (() => void) | undefined;
  const listen = () => {
    unsubscribe ??= app.bus.subscribe(onEvent);
  };
  const unlistenIfIdle = () => {
    if (!all && ids.size === 0 && unsubscribe) {
      unsubscribe();
      unsubscribe = undefined;
    }
  };

  socket.on('message', (data: unknown) => {
    const message = parse(data);
    const target = message?.subscribe ?? message?.unsubscribe;
    if (!message || typeof target !== 'string' || (target !== 'all' && !isShareId(target))) {
      send({
        type: 'error',
        message: 'expected {"subscribe": "<id>" | "all"} or {"unsubscribe": "<id>" | "all"}',
      });
      return;
    }
    if (message.subscribe !== undefined) {
      if (target === 'all') {
        all = true;
      } else {
        if (!ids.has(target) && ids.size >= MAX_SUBSCRIPTIONS) {
          send({ type: 'error', message: `at most ${MAX_SUBSCRIPTIONS} subscriptions` });
          return;
        }
        ids.add(target);
      }
      // Listen before the snapshot so no event falls between the two.
      listen();
      send({ type: 'subscribed', id: target });
      if (target !== 'all') {
        void app.captures.get(target).then((exchange) => {
          if (exchange && ids.has(target)) send({ type: 'snapshot', id: target, exchange });
        });
      }
    } else {
      if (target === 'all') all = false;
      else ids.delete(target);
      unlistenIfIdle();
      send({ type: 'unsubscribed', id: target });
    }
  });
  socket.on('close', () => unsubscribe?.());
}
