/**
 * The live bus: an in-process publish/subscribe channel of capture events (DESIGN.md: the live
 * bus is in-process by default). The capture plugin publishes; `/api/live` subscribes. Delivery
 * is synchronous and best-effort: a throwing subscriber is logged and skipped, never breaks
 * capture. Publishers check {@link LiveBus.active} first so an idle bus costs nothing.
 * `BUS=redis` swaps in the Redis pub/sub bus (plugins/bus/redis-bus.ts) with the same interface.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type {
  CloseInfo,
  ExchangeSummary,
  FrameJson,
  InterimResponse,
  Note,
  ResponseHead,
} from '@switchyard/exchange';

/** What happens to an exchange while it is captured, in order. */
export type LiveEvent =
  | { type: 'begin'; id: string; summary: ExchangeSummary }
  | { type: 'interim'; id: string; interim: InterimResponse }
  | { type: 'response'; id: string; response: ResponseHead }
  | { type: 'note'; id: string; note: Note }
  | { type: 'upgrade'; id: string; subprotocol: string | null; extensions: string }
  | { type: 'frame'; id: string; frame: FrameJson }
  | { type: 'truncated'; id: string; framesDropped: number; bytesDropped: number }
  | { type: 'close'; id: string; close: CloseInfo }
  | { type: 'end'; id: string; summary: ExchangeSummary };

export type LiveListener = (event: LiveEvent) => void;

export interface LiveBus {
  /** True when anyone listens (publishers may skip building events otherwise). */
  readonly active: boolean;
  publish(event: LiveEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: LiveListener): () => void;
}

/** An in-process bus. `onError` sees listener failures. */
export function createInProcessBus(onError: (error: unknown) => void = () => {}): LiveBus {
  const listeners = new Set<LiveListener>();
  return {
    get active() {
      return listeners.size > 0;
    },
    publish(event) {
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          onError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

async function busPlugin(app: FastifyInstance): Promise<void> {
  const config = app.config;
  if (config.bus === 'redis' && config.redisUrl !== undefined) {
    // Connects at start: an unreachable Redis is a start error, later outages are only logged.
    // Loaded only for this back-end: ioredis is not needed otherwise (it costs start-up heap).
    const { createRedisBus } = await import('./bus/redis-bus.js');
    const bus = await createRedisBus({ url: config.redisUrl, log: app.log });
    app.decorate('bus', bus);
    app.addHook('onClose', () => bus.close());
    return;
  }
  app.decorate(
    'bus',
    createInProcessBus((error) => app.log.warn({ err: error }, 'live listener failed')),
  );
}

export default fp(busPlugin, {
  name: 'switchyard-bus',
  fastify: '5.x',
  decorators: { fastify: ['config'] },
});

declare module 'fastify' {
  interface FastifyInstance {
    /** Capture events as they happen (see plugins/bus). */
    bus: LiveBus;
  }
}
