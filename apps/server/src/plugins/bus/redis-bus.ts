/**
 * The live bus across instances: Redis pub/sub (ioredis 5). Every instance delivers its own
 * events to its local listeners synchronously (as the in-process bus does) and publishes them
 * on a Redis channel; each instance's subscriber connection delivers other instances' events
 * to its local listeners. Events from the same instance keep their order (one publishing
 * connection; Redis delivers a channel's messages in publish order).
 *
 * Cost control: publishers check {@link LiveBus.active} before building events. Here it is
 * true when this instance has listeners or another instance announced that it has some.
 * Instances announce on a presence channel when their first listener arrives and when the
 * last one leaves, repeat it every `presenceIntervalMs` while listening (an instance that died
 * while listening is forgotten after three intervals), and ask the others to re-announce
 * (`hello`) when they (re)connect. An idle cluster therefore sends nothing to Redis.
 *
 * Failure: Redis going away is logged once per outage, never thrown: events published while it
 * is down are dropped (the bus is best-effort, live only; captures are in storage), ioredis
 * reconnects with back-off and re-subscribes, and the service keeps serving.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';
import { redactUrl } from '../../config.js';
import type { LiveBus, LiveEvent, LiveListener } from '../bus.js';

/** Options of {@link createRedisBus}. */
export interface RedisBusOptions {
  /** `redis://` or `rediss://` URL. */
  url: string;
  /**
   * Channel prefix: events on `<prefix>`, presence on `<prefix>:presence`. Default
   * `switchyard:live`.
   */
  channel?: string;
  /** Where connection trouble and listener failures are reported. */
  log: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
  /** Time allowed to connect at start, ms. Default 5000. */
  connectTimeoutMs?: number;
  /** Presence announcement period while listening, ms. Default 10000. */
  presenceIntervalMs?: number;
}

/** A bus that must be closed (it owns two Redis connections). */
export interface RedisLiveBus extends LiveBus {
  /** True while the publishing connection is up. */
  readonly connected: boolean;
  /** Events dropped because Redis was unreachable when they were published. */
  readonly dropped: number;
  close(): Promise<void>;
}

type Wire =
  | { origin: string; event: LiveEvent }
  | { origin: string; listening: boolean }
  | { origin: string; hello: true };

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Connects both connections, subscribes, and returns the bus. Rejects with a message naming
 * the server (password hidden) when Redis cannot be reached within `connectTimeoutMs`.
 */
export async function createRedisBus(options: RedisBusOptions): Promise<RedisLiveBus> {
  const { log } = options;
  const eventsChannel = options.channel ?? 'switchyard:live';
  const presenceChannel = `${eventsChannel}:presence`;
  const connectTimeoutMs = options.connectTimeoutMs ?? 5000;
  const presenceIntervalMs = options.presenceIntervalMs ?? 10_000;
  const origin = randomUUID();
  const where = redactUrl(options.url);

  const common = {
    lazyConnect: true,
    connectTimeout: connectTimeoutMs,
    // Fail a command at once while disconnected instead of queueing it without bound.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Back-off between reconnection attempts: 100 ms, 200 ms, ... capped at 2 s; forever.
    retryStrategy: (times: number) => Math.min(times * 100, 2000),
  };
  const pub = new Redis(options.url, { ...common, connectionName: 'switchyard-pub' });
  // A subscriber needs the offline queue: ioredis re-subscribes through it on reconnect.
  const sub = new Redis(options.url, {
    ...common,
    enableOfflineQueue: true,
    connectionName: 'switchyard-sub',
  });

  const listeners = new Set<LiveListener>();
  /** Other instances with listeners: origin -> expiry (ms since epoch). */
  const remote = new Map<string, number>();
  let dropped = 0;
  let closed = false;
  let heartbeat: NodeJS.Timeout | undefined;
  let starting = true;
  let startError: Error | undefined;

  // One warning per outage and connection, one info line when it is back.
  const down = { pub: false, sub: false };
  const watch = (client: Redis, name: 'pub' | 'sub') => {
    client.on('error', (error: Error) => {
      if (starting) {
        startError ??= error; // reported by the start error, not logged
        return;
      }
      if (closed || down[name]) return;
      down[name] = true;
      log.warn({ err: error, redis: where, connection: name }, 'live bus: Redis unreachable');
    });
    client.on('close', () => {
      if (starting || closed || down[name]) return;
      down[name] = true;
      log.warn({ redis: where, connection: name }, 'live bus: Redis connection closed');
    });
    client.on('ready', () => {
      if (down[name]) log.info({ redis: where, connection: name }, 'live bus: Redis is back');
      down[name] = false;
      // Whoever reconnects asks for the current presence and tells its own.
      if (!closed && pub.status === 'ready') {
        send({ origin, hello: true });
        if (listeners.size > 0) send({ origin, listening: true });
      }
    });
  };

  const send = (message: Wire): boolean => {
    if (pub.status !== 'ready') return false;
    pub
      .publish('event' in message ? eventsChannel : presenceChannel, JSON.stringify(message))
      .catch(() => {
        if ('event' in message) dropped++;
      });
    return true;
  };

  const hasRemote = (): boolean => {
    if (remote.size === 0) return false;
    const now = Date.now();
    for (const [id, expiry] of remote) if (expiry < now) remote.delete(id);
    return remote.size > 0;
  };

  const deliver = (event: LiveEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        log.warn({ err: error }, 'live listener failed');
      }
    }
  };

  sub.on('message', (channel: string, text: string) => {
    // Cheap exits first: most messages are events, and most instances have no listener.
    if (channel === eventsChannel && listeners.size === 0) return;
    let message: Wire;
    try {
      message = JSON.parse(text) as Wire;
    } catch {
      return; // not ours
    }
    if (typeof message !== 'object' || message === null || message.origin === origin) return;
    if (channel === eventsChannel) {
      if ('event' in message) deliver(message.event);
    } else if ('hello' in message) {
      if (listeners.size > 0) send({ origin, listening: true });
    } else if ('listening' in message) {
      if (message.listening) remote.set(message.origin, Date.now() + 3 * presenceIntervalMs);
      else remote.delete(message.origin);
    }
  });

  watch(pub, 'pub');
  watch(sub, 'sub');
  try {
    await withTimeout(
      Promise.all([pub.connect(), sub.connect()]).then(() =>
        sub.subscribe(eventsChannel, presenceChannel),
      ),
      connectTimeoutMs,
      'connecting',
    );
  } catch (error) {
    closed = true;
    pub.disconnect();
    sub.disconnect();
    // The socket error (e.g. ECONNREFUSED) says more than ioredis's "Connection is closed."
    const cause = startError ?? error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`Redis at ${where}: ${reason}`, { cause });
  }
  starting = false;
  send({ origin, hello: true });

  const announce = (listening: boolean) => {
    send({ origin, listening });
    if (listening && !heartbeat) {
      heartbeat = setInterval(() => send({ origin, listening: true }), presenceIntervalMs);
      heartbeat.unref();
    } else if (!listening && heartbeat) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    }
  };

  const quit = async (client: Redis) => {
    try {
      await withTimeout(client.quit(), 2000, 'quit');
    } catch {
      client.disconnect();
    }
  };

  return {
    get active() {
      return listeners.size > 0 || hasRemote();
    },
    get connected() {
      return !closed && pub.status === 'ready';
    },
    get dropped() {
      return dropped;
    },
    publish(event) {
      deliver(event);
      if (!hasRemote()) return;
      if (!send({ origin, event })) dropped++;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) announce(true);
      return () => {
        if (listeners.delete(listener) && listeners.size === 0) announce(false);
      };
    },
    async close() {
      if (closed) return;
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = undefined;
      if (listeners.size > 0) send({ origin, listening: false });
      closed = true;
      listeners.clear();
      await Promise.all([quit(pub), quit(sub)]);
    },
  };
}
