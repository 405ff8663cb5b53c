import { useEffect, useRef, useState } from 'react';
import type { Exchange } from '@switchyard/exchange';
import {
  applyMessages,
  mergeExchange,
  stateFrom,
  type LiveMessage,
  type LiveState,
} from './live-state.js';

/** How often queued events are applied (ms): one render per batch, however fast frames come. */
const FLUSH_MS = 100;

/** `ws:` or `wss:` URL of `/api/live` on the page's own origin. */
export function liveUrl(location: Location = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/live`;
}

export type LiveConnection = 'connecting' | 'live' | 'closed' | 'failed';

/**
 * Follows one exchange on `/api/live`: starts from `initial` (the probe's answer), subscribes,
 * merges the server's snapshot and the probe's current state (so nothing that happened before
 * the subscription is missed; frames are deduplicated by sequence number), then applies events
 * in batches.
 */
export function useLiveExchange(initial: Exchange): {
  state: LiveState;
  connection: LiveConnection;
} {
  const [state, setState] = useState<LiveState>(() => stateFrom(initial));
  const [connection, setConnection] = useState<LiveConnection>('connecting');
  const queue = useRef<LiveMessage[]>([]);
  const id = initial.id;

  useEffect(() => {
    queue.current = [];
    const socket = new WebSocket(liveUrl());
    const abort = new AbortController();
    let stopped = false;
    const mergeProbeState = () => {
      void fetch(`/api/probe/${encodeURIComponent(id)}`, { signal: abort.signal })
        .then(async (r) => (r.ok ? ((await r.json()) as { exchange?: Exchange }) : undefined))
        .then((body) => {
          if (body?.exchange && !stopped) {
            setState((s) => mergeExchange(s, body.exchange!));
          }
        })
        .catch(() => {});
    };
    socket.addEventListener('open', () => {
      setConnection('live');
      socket.send(JSON.stringify({ subscribe: id }));
    });
    socket.addEventListener('message', (event) => {
      if (typeof event.data !== 'string') return;
      let message: LiveMessage;
      try {
        message = JSON.parse(event.data) as LiveMessage;
      } catch {
        return;
      }
      if ('id' in message && message.id !== id) return;
      if (message.type === 'subscribed') {
        // The probe's own state covers what happened before the subscription began.
        mergeProbeState();
        return;
      }
      queue.current.push(message);
      // At the end, the probe's final record: it carries what no live event does, such as the
      // capture caps' truncation counts (never silent).
      if (message.type === 'end') mergeProbeState();
    });
    socket.addEventListener('close', () => {
      if (!stopped) setConnection((c) => (c === 'connecting' ? 'failed' : 'closed'));
    });
    const timer = setInterval(() => {
      if (queue.current.length === 0) return;
      const batch = queue.current;
      queue.current = [];
      setState((s) => applyMessages(s, batch));
    }, FLUSH_MS);
    return () => {
      stopped = true;
      abort.abort();
      clearInterval(timer);
      socket.close();
    };
  }, [id]);

  return { state, connection };
}
