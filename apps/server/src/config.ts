/**
 * The one place that reads `process.env` (DESIGN.md convention 7). Every setting is validated
 * at start; an invalid value stops the start with a message naming the variable.
 */
import path from 'node:path';

export interface Config {
  /** TCP port of the HTTP listener. Env `PORT`, default 8080. */
  port: number;
  /** Address to listen on. Env `HOST`, default 127.0.0.1 (loopback only). */
  host: string;
  /** Directory for the SQLite database and generated files. Env `DATA_DIR`, default `./data`. */
  dataDir: string;
  /** pino log level. Env `LOG_LEVEL`, default `info`. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Longest delay the simulator accepts, in ms. Env `DELAY_CAP_MS`, default 30000. */
  delayCapMs: number;
  /** Largest request body in bytes (413 past it). Env `BODY_LIMIT`, default 1048576. */
  bodyLimit: number;
  /** Largest request head in bytes (431 past it). Env `MAX_HEADER_SIZE`, default 16384. */
  maxHeaderSize: number;
  /** Time a client has to send the whole request head, ms. Env `HEADERS_TIMEOUT_MS`, default 60000. */
  headersTimeoutMs: number;
  /** Time a client has to send the whole request, ms (0 = none). Env `REQUEST_TIMEOUT_MS`, default 300000. */
  requestTimeoutMs: number;
  /** Requests per client per window; 0 (default) turns rate limiting off. Env `RATE_LIMIT_MAX`. */
  rateLimitMax: number;
  /** Rate-limit window in ms. Env `RATE_LIMIT_WINDOW_MS`, default 60000. */
  rateLimitWindowMs: number;
  /**
   * Answer 503 with Retry-After while the event loop lags more than this (ms), via
   * @fastify/under-pressure; 0 (default) turns it off. Env `MAX_EVENT_LOOP_DELAY_MS`.
   */
  maxEventLoopDelayMs: number;
  /**
   * Where exchanges are stored: `sqlite` (file under dataDir), `memory`, or `postgres`
   * (`databaseUrl`, shared by several instances). Env `STORAGE`, default `sqlite`.
   */
  storage: 'sqlite' | 'memory' | 'postgres';
  /**
   * PostgreSQL connection URL (`postgres://user:pass@host:5432/db`; a Unix socket as
   * `postgres://user@/db?host=/run/postgresql`). Env `DATABASE_URL`, required when
   * `STORAGE=postgres`.
   */
  databaseUrl: string | undefined;
  /** Most connections in the PostgreSQL pool. Env `DATABASE_POOL_MAX`, default 10. */
  databasePoolMax: number;
  /**
   * The live bus: `memory` (in-process) or `redis` (pub/sub at `redisUrl`, so `/api/live` on
   * one instance sees captures made on another). Env `BUS`, default `memory`.
   */
  bus: 'memory' | 'redis';
  /**
   * Redis URL (`redis://[user:pass@]host:6379[/db]` or `rediss://`). Env `REDIS_URL`, required
   * when `BUS=redis`.
   */
  redisUrl: string | undefined;
  /** Delete exchanges older than this many days (0 = never). Env `RETENTION_DAYS`, default 30. */
  retentionDays: number;
  /** Keep stored exchanges under this many MiB, oldest deleted first (0 = no cap). Env `RETENTION_MAX_MB`, default 1024. */
  retentionMaxMb: number;
  /** Longest time a captured exchange waits before its batch is written, ms. Env `STORAGE_FLUSH_MS`, default 100. */
  storageFlushMs: number;
  /** Exchanges per write batch (a full batch is written at once). Env `STORAGE_BATCH`, default 256. */
  storageBatchSize: number;
  /** Capture exchanges on routes that ask for it. Env `CAPTURE` = `on` (default) or `off`. */
  capture: boolean;
  /** Frames stored per exchange; more are counted, not stored. Env `CAPTURE_MAX_FRAMES`, default 10000. */
  captureMaxFrames: number;
  /** Payload bytes stored per exchange (sum over frames). Env `CAPTURE_MAX_BYTES`, default 1048576. */
  captureMaxBytes: number;
  /** Bytes of each body kept as a preview. Env `CAPTURE_PREVIEW_BYTES`, default 4096. */
  capturePreviewBytes: number;
  /** Largest WebSocket message accepted, bytes; larger → close 1009 (RFC 6455 §7.4.1). Env `WS_MAX_MESSAGE_BYTES`, default 1048576. */
  wsMaxMessageBytes: number;
  /** Offer permessage-deflate (RFC 7692) on the `ws` endpoints. Env `WS_DEFLATE` = `on` (default) or `off`. */
  wsDeflate: boolean;
  /**
   * Tokens `/ws/auth` and `POST /api/tickets` accept. Env `WS_AUTH_TOKENS`, comma-separated;
   * default `dev-token` (a documented development value: set your own on a shared instance).
   */
  wsAuthTokens: string[];
  /** Lifetime of a single-use WebSocket ticket, ms. Env `WS_TICKET_TTL_MS`, default 30000. */
  wsTicketTtlMs: number;
  /**
   * Origins `/ws/origin` accepts (RFC 6454 serialization). Env `WS_ALLOWED_ORIGINS`,
   * comma-separated; default `http://localhost:8080,http://127.0.0.1:8080`.
   */
  wsAllowedOrigins: string[];
  /** Longest delay of the `slow-handshake` fault, ms. Env `FAULT_SLOW_MS`, default 3000. */
  faultSlowMs: number;
  /**
   * Probe target policy (issue 7): `local` allows loopback and private targets, `public` only
   * public unicast. Env `PROBE_POLICY` = `auto` (default: `local` when HOST is loopback, else
   * `public`), `local` or `public`.
   */
  probePolicy: 'local' | 'public';
  /** CIDRs or host names the probe may reach despite the policy. Env `PROBE_ALLOW`, comma-separated. */
  probeAllow: string[];
  /** CIDRs or host names the probe never reaches. Env `PROBE_DENY`, comma-separated. */
  probeDeny: string[];
  /** Probes running at once per client address. Env `PROBE_MAX_PER_CLIENT`, default 4. */
  probeMaxPerClient: number;
  /** A probe's WebSocket with no traffic is closed after this, ms. Env `PROBE_IDLE_MS`, default 60000. */
  probeIdleMs: number;
  /** Longest life of one probe, ms. Env `PROBE_MAX_MS`, default 300000. */
  probeMaxMs: number;
  /** Start the TLS listener (h2 + http/1.1 by ALPN, issue 8). Env `TLS` = `on` (default) or `off`. */
  tls: boolean;
  /** TCP port of the TLS listener. Env `TLS_PORT`, default 8443. */
  tlsPort: number;
  /**
   * PEM certificate chain and private key files. Env `TLS_CERT` and `TLS_KEY` (both or
   * neither); without them a self-signed development certificate is created under `DATA_DIR`
   * at first start and reused.
   */
  tlsCert: string | undefined;
  tlsKey: string | undefined;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Parses an integer setting in [min, max]; records a problem and returns the default otherwise. */
export function intSetting(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) {
    problems.push(`${name}=${JSON.stringify(raw)} is not a whole number (expected ${min}..${max})`);
    return fallback;
  }
  const value = Number(raw.trim());
  if (value < min || value > max) {
    problems.push(`${name}=${raw} is out of range (expected ${min}..${max})`);
    return fallback;
  }
  return value;
}

/** Splits a comma-separated setting (empty items dropped); `fallback` when unset. */
function listSetting(raw: string | undefined, fallback: string[]): string[] {
  if (raw === undefined) return fallback;
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A predicate: does a problem message name this variable? */
function isAbout(name: string): (problem: string) => boolean {
  return (problem) => problem.startsWith(`${name}=`) || problem.startsWith(`${name} `);
}

/**
 * Checks a URL setting whose scheme must be one of `schemes` (e.g. `redis`); undefined when
 * unset. Only the scheme is checked: the drivers parse the rest, and accept forms WHATWG URL
 * rejects (node-postgres: `postgres://user@/db?host=/run/postgresql` for a Unix socket). The
 * value is never echoed in a problem message (it may hold a password), only its scheme.
 */
function urlSetting(
  env: Env,
  name: string,
  schemes: string[],
  problems: string[],
): string | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(raw)?.[1]?.toLowerCase();
  const expected = schemes.map((s) => `${s}://...`).join(' or ');
  if (scheme === undefined) {
    problems.push(`${name} is not a URL (expected ${expected})`);
    return undefined;
  }
  if (!schemes.includes(scheme)) {
    problems.push(`${name} has scheme "${scheme}" (expected ${expected})`);
    return undefined;
  }
  return raw;
}

/** A connection URL with its password (if any) replaced by `***`, for logs and errors. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/?#]*:)[^@/?#]*@/i, '$1***@');
}

/** Builds the config from an environment (defaults to `process.env`); throws ConfigError. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const port = intSetting(env, 'PORT', 8080, 0, 65535, problems);
  const host = (env.HOST ?? '127.0.0.1').trim();
  if (host === '') problems.push('HOST is empty');
  // Relative to where the user ran `pnpm start` (pnpm sets INIT_CWD), not the package folder.
  const dataDir = path.resolve(env.INIT_CWD ?? process.cwd(), env.DATA_DIR ?? './data');
  const logLevel = (env.LOG_LEVEL ?? 'info').trim() as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(
      `LOG_LEVEL=${JSON.stringify(env.LOG_LEVEL)} is not one of ${LOG_LEVELS.join(', ')}`,
    );
  }
  const delayCapMs = intSetting(env, 'DELAY_CAP_MS', 30_000, 0, 600_000, problems);
  const bodyLimit = intSetting(env, 'BODY_LIMIT', 1_048_576, 1, 1_073_741_824, problems);
  const maxHeaderSize = intSetting(env, 'MAX_HEADER_SIZE', 16_384, 1_024, 1_048_576, problems);
  const headersTimeoutMs = intSetting(env, 'HEADERS_TIMEOUT_MS', 60_000, 1, 3_600_000, problems);
  const requestTimeoutMs = intSetting(env, 'REQUEST_TIMEOUT_MS', 300_000, 0, 3_600_000, problems);
  const rateLimitMax = intSetting(env, 'RATE_LIMIT_MAX', 0, 0, 1_000_000_000, problems);
  const rateLimitWindowMs = intSetting(
    env,
    'RATE_LIMIT_WINDOW_MS',
    60_000,
    1,
    86_400_000,
    problems,
  );
  const maxEventLoopDelayMs = intSetting(env, 'MAX_EVENT_LOOP_DELAY_MS', 0, 0, 60_000, problems);
  // Node: a request timeout shorter than the headers timeout makes the headers timeout moot.
  if (requestTimeoutMs !== 0 && requestTimeoutMs < headersTimeoutMs) {
    problems.push(
      `REQUEST_TIMEOUT_MS=${requestTimeoutMs} is shorter than HEADERS_TIMEOUT_MS=${headersTimeoutMs}`,
    );
  }
  const storage = (env.STORAGE ?? 'sqlite').trim() as Config['storage'];
  if (storage !== 'sqlite' && storage !== 'memory' && storage !== 'postgres') {
    problems.push(`STORAGE=${JSON.stringify(env.STORAGE)} is not one of sqlite, memory, postgres`);
  }
  const databaseUrl = urlSetting(env, 'DATABASE_URL', ['postgres', 'postgresql'], problems);
  if (
    storage === 'postgres' &&
    databaseUrl === undefined &&
    !problems.some(isAbout('DATABASE_URL'))
  ) {
    problems.push('DATABASE_URL is required when STORAGE=postgres');
  }
  const databasePoolMax = intSetting(env, 'DATABASE_POOL_MAX', 10, 1, 1000, problems);
  const bus = (env.BUS ?? 'memory').trim().toLowerCase() as Config['bus'];
  if (bus !== 'memory' && bus !== 'redis') {
    problems.push(`BUS=${JSON.stringify(env.BUS)} is not one of memory, redis`);
  }
  const redisUrl = urlSetting(env, 'REDIS_URL', ['redis', 'rediss'], problems);
  if (bus === 'redis' && redisUrl === undefined && !problems.some(isAbout('REDIS_URL'))) {
    problems.push('REDIS_URL is required when BUS=redis');
  }
  const retentionDays = intSetting(env, 'RETENTION_DAYS', 30, 0, 36_500, problems);
  const retentionMaxMb = intSetting(env, 'RETENTION_MAX_MB', 1024, 0, 1_048_576, problems);
  const storageFlushMs = intSetting(env, 'STORAGE_FLUSH_MS', 100, 1, 60_000, problems);
  const storageBatchSize = intSetting(env, 'STORAGE_BATCH', 256, 1, 100_000, problems);
  const captureRaw = (env.CAPTURE ?? 'on').trim().toLowerCase();
  if (captureRaw !== 'on' && captureRaw !== 'off') {
    problems.push(`CAPTURE=${JSON.stringify(env.CAPTURE)} is not one of on, off`);
  }
  const capture = captureRaw !== 'off';
  const captureMaxFrames = intSetting(env, 'CAPTURE_MAX_FRAMES', 10_000, 0, 10_000_000, problems);
  const captureMaxBytes = intSetting(
    env,
    'CAPTURE_MAX_BYTES',
    1_048_576,
    0,
    1_073_741_824,
    problems,
  );
  const capturePreviewBytes = intSetting(
    env,
    'CAPTURE_PREVIEW_BYTES',
    4096,
    0,
    1_048_576,
    problems,
  );
  const wsMaxMessageBytes = intSetting(
    env,
    'WS_MAX_MESSAGE_BYTES',
    1_048_576,
    1,
    1_073_741_824,
    problems,
  );
  const wsDeflateRaw = (env.WS_DEFLATE ?? 'on').trim().toLowerCase();
  if (wsDeflateRaw !== 'on' && wsDeflateRaw !== 'off') {
    problems.push(`WS_DEFLATE=${JSON.stringify(env.WS_DEFLATE)} is not one of on, off`);
  }
  const wsDeflate = wsDeflateRaw !== 'off';
  const wsAuthTokens = listSetting(env.WS_AUTH_TOKENS, ['dev-token']);
  if (wsAuthTokens.length === 0) problems.push('WS_AUTH_TOKENS lists no token');
  const wsTicketTtlMs = intSetting(env, 'WS_TICKET_TTL_MS', 30_000, 1, 3_600_000, problems);
  const wsAllowedOrigins = listSetting(env.WS_ALLOWED_ORIGINS, [
    'http://localhost:8080',
    'http://127.0.0.1:8080',
  ]);
  const faultSlowMs = intSetting(env, 'FAULT_SLOW_MS', 3000, 0, 60_000, problems);
  const probePolicyRaw = (env.PROBE_POLICY ?? 'auto').trim().toLowerCase();
  if (!['auto', 'local', 'public'].includes(probePolicyRaw)) {
    problems.push(
      `PROBE_POLICY=${JSON.stringify(env.PROBE_POLICY)} is not one of auto, local, public`,
    );
  }
  const loopbackHost = /^(127\.\d+\.\d+\.\d+|::1|localhost|\[::1\])$/i.test(host);
  const probePolicy: Config['probePolicy'] =
    probePolicyRaw === 'local' || probePolicyRaw === 'public'
      ? probePolicyRaw
      : loopbackHost
        ? 'local'
        : 'public';
  const probeAllow = listSetting(env.PROBE_ALLOW, []);
  const probeDeny = listSetting(env.PROBE_DENY, []);
  const probeMaxPerClient = intSetting(env, 'PROBE_MAX_PER_CLIENT', 4, 1, 1000, problems);
  const probeIdleMs = intSetting(env, 'PROBE_IDLE_MS', 60_000, 1000, 600_000, problems);
  const probeMaxMs = intSetting(env, 'PROBE_MAX_MS', 300_000, 1000, 3_600_000, problems);
  const tlsRaw = (env.TLS ?? 'on').trim().toLowerCase();
  if (tlsRaw !== 'on' && tlsRaw !== 'off') {
    problems.push(`TLS=${JSON.stringify(env.TLS)} is not one of on, off`);
  }
  const tls = tlsRaw !== 'off';
  const tlsPort = intSetting(env, 'TLS_PORT', 8443, 0, 65535, problems);
  const certPath = env.TLS_CERT?.trim() ?? '';
  const keyPath = env.TLS_KEY?.trim() ?? '';
  if ((certPath === '') !== (keyPath === '')) {
    problems.push(
      'TLS_CERT and TLS_KEY must be set together (or neither, for a development certificate)',
    );
  }
  const tlsBase = env.INIT_CWD ?? process.cwd();
  const tlsCert = certPath === '' ? undefined : path.resolve(tlsBase, certPath);
  const tlsKey = keyPath === '' ? undefined : path.resolve(tlsBase, keyPath);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host,
    dataDir,
    logLevel,
    delayCapMs,
    bodyLimit,
    maxHeaderSize,
    headersTimeoutMs,
    requestTimeoutMs,
    rateLimitMax,
    rateLimitWindowMs,
    maxEventLoopDelayMs,
    storage,
    databaseUrl,
    databasePoolMax,
    bus,
    redisUrl,
    retentionDays,
    retentionMaxMb,
    storageFlushMs,
    storageBatchSize,
    capture,
    captureMaxFrames,
    captureMaxBytes,
    capturePreviewBytes,
    wsMaxMessageBytes,
    wsDeflate,
    wsAuthTokens,
    wsTicketTtlMs,
    wsAllowedOrigins,
    faultSlowMs,
    probePolicy,
    probeAllow,
    probeDeny,
    probeMaxPerClient,
    probeIdleMs,
    probeMaxMs,
    tls,
    tlsPort,
    tlsCert,
    tlsKey,
  };
}
