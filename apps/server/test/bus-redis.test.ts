/**
 * The Redis live bus (plugins/bus/redis-bus.ts) between two bus instances on one real Redis
 * started by this file (support/redis-server.ts): delivery across instances in order and
 * without echo, presence (an instance publishes only while someone listens), Redis killed and
 * restarted (no throw, logged, reconnects), a clear start error, and the BUS settings.
 */
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { ConfigError, loadConfig } from '../src/config.js';
import type { LiveEvent } from '../src/plugins/bus.js';
import { createRedisBus, type RedisLiveBus } from '../src/plugins/bus/redis-bus.js';
import { startRedis, type TestRedis } from './support/redis-server.js';

let redis: TestRedis;
const buses: RedisLiveBus[] = [];

beforeAll(async () => {
  redis = await startRedis();
}, 30_000);
afterAll(async () => {
  await redis?.stop();
}, 10_000);
afterEach(async () => {
  for (const b of buses.splice(0)) await b.close();
});

type Line = { level: string; msg: string };

function logger(lines: Line[]): Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'> {
  const at = (level: string) => (_obj: unknown, msg?: string) =>
    lines.push({ level, msg: msg ?? '' });
  return { info: at('info'), warn: at('warn'), error: at('error') } as unknown as Pick<
    FastifyBaseLogger,
    'info' | 'warn' | 'error'
  >;
}

async function bus(lines: Line[] = [], presenceIntervalMs?: number): Promise<RedisLiveBus> {
  const b = await createRedisBus({
    url: redis.url,
    channel: `test:${Math.random().toString(36).slice(2)}`,
    log: logger(lines),
    presenceIntervalMs,
  });
  buses.push(b);
  return b;
}

/** Two buses on one channel (the way two app instances share it). */
async function pair(linesA: Line[] = [], presenceIntervalMs?: number) {
  const channel = `test:${Math.random().toString(36).slice(2)}`;
  const make = async (lines: Line[]) => {
    const b = await createRedisBus({
      url: redis.url,
      channel,
      log: logger(lines),
      presenceIntervalMs,
    });
    buses.push(b);
    return b;
  };
  return { a: await make(linesA), b: await make([]) };
}

/** Polls `check` every 20 ms until true; throws after `ms`. */
async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const note = (id: string, n: number): LiveEvent => ({
  type: 'note',
  id,
  note: { at: n, text: `note ${n}` } as unknown as Extract<LiveEvent, { type: 'note' }>['note'],
});

describe('Redis live bus', () => {
  it('delivers events of one instance to listeners on another, in order, once', async () => {
    const { a, b } = await pair();
    const onA: LiveEvent[] = [];
    const onB: LiveEvent[] = [];
    b.subscribe((e) => onB.push(e));
    await until(() => a.active, 'A to learn that B listens');
    a.subscribe((e) => onA.push(e));
    for (let n = 0; n < 200; n++) a.publish(note('x', n));
    await until(() => onB.length === 200, 'events on B').catch((e: unknown) => {
      throw new Error(`${String(e)}: got ${onB.length}, dropped ${a.dropped}`);
    });
    expect(onB).toEqual(Array.from({ length: 200 }, (_, n) => note('x', n)));
    // A's own listener got them synchronously, and not a second time from Redis: B's marker,
    // published after Redis delivered all 200 to B, reaches A behind any echo of A's own events
    // (one channel, one subscriber connection, in order), so A must then hold 200 + the marker.
    expect(onA.length).toBe(200);
    await until(() => b.active, 'B to learn that A listens');
    b.publish(note('marker', 0));
    await until(() => onA.some((e) => e.type === 'note' && e.id === 'marker'), 'the marker on A');
    expect(onA).toEqual([
      ...Array.from({ length: 200 }, (_, n) => note('x', n)),
      note('marker', 0),
    ]);
  }, 30_000);

  it('is active only while some instance listens (nothing sent to Redis otherwise)', async () => {
    const { a, b } = await pair();
    expect(a.active).toBe(false);
    const unsubscribe = b.subscribe(() => {});
    expect(b.active).toBe(true);
    await until(() => a.active, 'A to learn that B listens');
    unsubscribe();
    await until(() => !a.active, 'A to learn that B stopped');
    b.subscribe(() => {});
    await until(() => a.active, 'A active again');
  }, 30_000);

  it('an instance that starts later learns of existing listeners (hello)', async () => {
    const channel = `test:${Math.random().toString(36).slice(2)}`;
    // A long presence period: only the hello answer can make the newcomer active in time.
    const open = async () => {
      const b = await createRedisBus({
        url: redis.url,
        channel,
        log: logger([]),
        presenceIntervalMs: 60_000,
      });
      buses.push(b);
      return b;
    };
    const listening = await open();
    listening.subscribe(() => {});
    const late = await open();
    await until(() => late.active, 'the newcomer to learn of the listener');
  }, 30_000);

  it('a throwing listener does not stop the others', async () => {
    const lines: Line[] = [];
    const { a, b } = await pair(lines);
    const got: LiveEvent[] = [];
    b.subscribe(() => {
      throw new Error('boom');
    });
    b.subscribe((e) => got.push(e));
    await until(() => a.active, 'presence');
    a.publish(note('y', 1));
    await until(() => got.length === 1, 'event');
  }, 30_000);

  it('keeps serving while Redis is down, then reconnects and delivers again', async () => {
    const linesA: Line[] = [];
    const { a, b } = await pair(linesA, 500);
    const onB: LiveEvent[] = [];
    b.subscribe((e) => onB.push(e));
    await until(() => a.active, 'presence');
    a.publish(note('z', 0));
    await until(() => onB.length === 1, 'first event');

    await redis.kill();
    await until(() => !a.connected, 'A to notice');
    // Publishing while Redis is away neither throws nor blocks; the event is dropped.
    const localOnA: LiveEvent[] = [];
    a.subscribe((e) => localOnA.push(e));
    a.publish(note('z', 1));
    expect(localOnA).toEqual([note('z', 1)]);
    expect(a.dropped).toBeGreaterThan(0);
    expect(linesA.some((l) => l.level === 'warn' && /Redis/.test(l.msg))).toBe(true);

    await redis.restart();
    await until(() => a.connected, 'A to reconnect', 10_000);
    // Once both have re-subscribed and re-announced, events flow again.
    let n = 2;
    await until(
      () => {
        a.publish(note('z', n++));
        return onB.length > 1;
      },
      'an event after the restart',
      10_000,
    );
    expect(onB.at(-1)?.type).toBe('note');
    expect(linesA.some((l) => l.level === 'info' && /back/.test(l.msg))).toBe(true);
  }, 45_000);

  it('fails at start with a clear message when Redis is unreachable', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const started = Date.now();
    const error = await createRedisBus({
      url: `redis://:pw-secret@127.0.0.1:${port}`,
      log: logger([]),
      connectTimeoutMs: 1500,
    }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      new RegExp(`^Redis at redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`),
    );
    expect(error?.message).not.toContain('pw-secret');
    expect(Date.now() - started).toBeLessThan(10_000); // bounded (not a timing assertion on speed)
  }, 30_000);

  it('closes without hanging while Redis is down', async () => {
    const b = await bus();
    b.subscribe(() => {});
    await redis.kill();
    try {
      await until(() => !b.connected, 'the bus to notice');
      await b.close(); // bounded inside: quit times out into disconnect
      expect(b.connected).toBe(false);
    } finally {
      await redis.restart();
    }
  }, 30_000);

  it('closes cleanly, twice', async () => {
    const b = await bus();
    await b.close();
    await b.close();
    expect(b.connected).toBe(false);
  });
});

describe('bus settings', () => {
  it('reads BUS and REDIS_URL; in-process by default', () => {
    expect(loadConfig({})).toMatchObject({ bus: 'memory', redisUrl: undefined });
    expect(loadConfig({ BUS: 'redis', REDIS_URL: 'redis://127.0.0.1:6379/2' })).toMatchObject({
      bus: 'redis',
      redisUrl: 'redis://127.0.0.1:6379/2',
    });
  });

  it.each([
    [{ BUS: 'redis' }, 'REDIS_URL is required when BUS=redis'],
    [{ BUS: 'kafka' }, 'BUS="kafka" is not one of memory, redis'],
    [{ BUS: 'redis', REDIS_URL: 'http://x' }, 'REDIS_URL has scheme "http"'],
    [{ REDIS_URL: '127.0.0.1:6379' }, 'REDIS_URL is not a URL'],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
