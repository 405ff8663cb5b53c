/**
 * Lint throughput, two shapes:
 * - a small HTTP exchange (GET /api/status/200 with 8 request and 10 response headers, what the
 *   server lints for every captured simulator request): µs per exchange;
 * - a captured 1,000-frame WebSocket exchange: µs per frame (issue 5 asks for "well under a
 *   millisecond per frame").
 * Peer measured in the same run: merely serialising the same exchange through JSON (what storing
 * or sending it costs at minimum), so the ratio says how much linting adds on top of handling the
 * record at all.
 */
import { createLiveLinter, lintExchange } from '@switchyard/lint';

type Exchange = Parameters<typeof lintExchange>[0];
type FrameJson = NonNullable<Exchange['websocket']>['frames'][number];

const FRAMES = 1000;
const ITERATIONS = 100;
const SMALL_CALLS = 2000;
const SMALL_ROUNDS = 25;

function b64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** 1,000 frames: text both ways with some pings/pongs and a clean close at the end. */
function buildExchange(): Exchange {
  const frames: FrameJson[] = [];
  const offset = { 'client-to-server': 0, 'server-to-client': 0 };
  const enc = new TextEncoder();
  for (let seq = 0; seq < FRAMES; seq++) {
    const last = seq >= FRAMES - 2;
    const client = seq % 2 === 0;
    const direction = client ? 'client-to-server' : 'server-to-client';
    let opcode = 0x1;
    let payload = enc.encode(
      `{"n":${seq},"text":"message number ${seq} — ünïcödé ✓"}`.padEnd(120, ' '),
    );
    if (last) {
      opcode = 0x8;
      payload = Uint8Array.from([0x03, 0xe8]);
    } else if (seq % 50 === 0) {
      opcode = 0x9;
      payload = enc.encode(`ping-${seq}`);
    } else if (seq % 50 === 1) {
      opcode = 0xa;
      payload = enc.encode(`ping-${seq - 1}`);
    }
    const masked = client;
    // RFC 6455 §5.2: the minimal length encoding (the lint checks it).
    const lengthEncoding = payload.length < 126 ? 7 : payload.length < 65536 ? 16 : 64;
    const headerLength =
      2 + (lengthEncoding === 16 ? 2 : lengthEncoding === 64 ? 8 : 0) + (masked ? 4 : 0);
    const f: FrameJson = {
      seq,
      direction,
      fin: true,
      rsv1: false,
      rsv2: false,
      rsv3: false,
      opcode,
      masked,
      payloadLength: payload.length,
      lengthEncoding,
      headerOffset: offset[direction],
      headerLength,
      payloadOffset: offset[direction] + headerLength,
      payload: b64(payload),
      time: seq * 100,
      findings: [],
    };
    if (masked) f.maskKey = b64(Uint8Array.from([seq & 0xff, (seq >> 8) & 0xff, 0x5a, 0xa5]));
    offset[direction] += headerLength + payload.length;
    frames.push(f);
  }
  return {
    schemaVersion: 1,
    id: 'bench',
    createdAt: new Date(0).toISOString(),
    kind: 'websocket',
    endpoint: '/ws/echo',
    source: 'capture',
    request: {
      method: 'GET',
      target: '/ws/echo',
      httpVersion: '1.1',
      headers: [
        ['Host', '127.0.0.1:8080'],
        ['Upgrade', 'websocket'],
        ['Connection', 'Upgrade'],
        ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
        ['Sec-WebSocket-Version', '13'],
      ],
    },
    interim: [],
    response: {
      status: 101,
      reason: 'Switching Protocols',
      httpVersion: '1.1',
      headers: [
        ['Upgrade', 'websocket'],
        ['Connection', 'Upgrade'],
        ['Sec-WebSocket-Accept', 's3pPLMBiTxaQ9kYGzzhZRbK+xOo='],
      ],
    },
    requestBody: { size: 0, truncated: false },
    responseBody: { size: 0, truncated: false },
    timings: { start: 0 },
    notes: [],
    redactions: [],
    websocket: {
      subprotocol: null,
      extensions: '',
      frames,
      framesSeen: { clientToServer: FRAMES / 2, serverToClient: FRAMES / 2 },
      close: { initiator: 'client', code: 1000, reason: '', clean: true, time: FRAMES * 100 },
      truncation: {
        maxFrames: 10000,
        maxBytes: 1 << 24,
        framesDropped: 0,
        bytesDropped: 0,
        framesCut: 0,
      },
    },
    findings: [],
  };
}

/** A plain simulator capture: GET /api/status/200 → 200, ~8 request and 10 response headers. */
function buildSmallExchange(): Exchange {
  return {
    schemaVersion: 1,
    id: 'bench-small',
    createdAt: new Date(0).toISOString(),
    kind: 'http',
    endpoint: '/api/status/200',
    source: 'capture',
    request: {
      method: 'GET',
      target: '/api/status/200',
      httpVersion: '1.1',
      headers: [
        ['Host', '127.0.0.1:8080'],
        ['User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0'],
        ['Accept', 'application/json, text/plain, */*'],
        ['Accept-Encoding', 'gzip, deflate, br'],
        ['Accept-Language', 'en-US,en;q=0.9'],
        ['Connection', 'keep-alive'],
        ['Cache-Control', 'no-cache'],
        ['Referer', 'http://127.0.0.1:8080/lab'],
      ],
    },
    interim: [],
    response: {
      status: 200,
      reason: 'OK',
      httpVersion: '1.1',
      headers: [
        ['content-type', 'application/json; charset=utf-8'],
        ['content-length', '48'],
        ['date', 'Sat, 21 Nov 2026 08:00:00 GMT'],
        ['connection', 'keep-alive'],
        ['keep-alive', 'timeout=72'],
        ['cache-control', 'no-store'],
        ['vary', 'Accept-Encoding'],
        ['x-request-id', 'req-1234567890'],
        ['x-switchyard-endpoint', '/api/status/:code'],
        ['server-timing', 'app;dur=0.4'],
      ],
    },
    requestBody: { size: 0, truncated: false },
    responseBody: { size: 48, truncated: false },
    timings: { start: 0 },
    notes: [],
    redactions: [],
    findings: [],
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** µs per lintExchange of the small HTTP exchange, interleaved with the JSON peer. */
function runSmall(): void {
  const ex = buildSmallExchange();
  const findings = lintExchange(ex);
  if (findings.length !== 0) {
    throw new Error(
      `small exchange should be clean, got ${findings.map((f) => f.ruleId).join(', ')}`,
    );
  }
  const lintTimes: number[] = [];
  const jsonTimes: number[] = [];
  for (let round = 0; round < SMALL_ROUNDS + 3; round++) {
    let t = performance.now();
    for (let i = 0; i < SMALL_CALLS; i++) lintExchange(ex);
    const lint = ((performance.now() - t) * 1000) / SMALL_CALLS;
    t = performance.now();
    for (let i = 0; i < SMALL_CALLS; i++) JSON.stringify(ex);
    const json = ((performance.now() - t) * 1000) / SMALL_CALLS;
    if (round >= 3) {
      // first 3 rounds are warm-up
      lintTimes.push(lint);
      jsonTimes.push(json);
    }
  }
  const row = (label: string, xs: number[]): string =>
    `${label}: median ${median(xs).toFixed(2)} µs, best ${Math.min(...xs).toFixed(2)} µs`;
  console.log(
    `small HTTP exchange (${SMALL_ROUNDS} rounds of ${SMALL_CALLS} calls each, interleaved)`,
  );
  console.log(row('lintExchange', lintTimes));
  console.log(row('peer: JSON.stringify of the same exchange', jsonTimes));
  console.log(
    `ratio lint / JSON.stringify: median ${(median(lintTimes) / median(jsonTimes)).toFixed(2)}x, best ${(Math.min(...lintTimes) / Math.min(...jsonTimes)).toFixed(2)}x`,
  );
}

export async function run(): Promise<void> {
  runSmall();
  const base = buildExchange();
  const json = JSON.stringify(base);
  // Fresh objects per iteration: lint caches its frame walk per exchange object.
  const copies = Array.from({ length: ITERATIONS + 5 }, () => JSON.parse(json) as Exchange);

  const findings = lintExchange(copies[0]!);
  if (findings.length !== 0) {
    throw new Error(
      `bench exchange should be clean, got ${[...new Set(findings.map((f) => f.ruleId))].join(', ')}`,
    );
  }

  const lintTimes: number[] = [];
  const cloneTimes: number[] = [];
  const liveTimes: number[] = [];
  for (let i = 0; i < ITERATIONS + 5; i++) {
    const ex = copies[i]!;
    let t = performance.now();
    lintExchange(ex);
    const lint = performance.now() - t;

    t = performance.now();
    JSON.parse(JSON.stringify(ex));
    const clone = performance.now() - t;

    t = performance.now();
    const live = createLiveLinter(ex);
    for (const f of ex.websocket!.frames) live.push(f);
    live.finish();
    const liveMs = performance.now() - t;

    if (i >= 5) {
      // first 5 are warm-up
      lintTimes.push(lint);
      cloneTimes.push(clone);
      liveTimes.push(liveMs);
    }
  }
  // The machine is shared: report the median and the best run; the best is the least disturbed.
  const perFrame = (ms: number): string => ((ms * 1000) / FRAMES).toFixed(2);
  const row = (label: string, xs: number[]): string =>
    `${label}: median ${perFrame(median(xs))} µs/frame, best ${perFrame(Math.min(...xs))} µs/frame`;
  console.log(`${FRAMES}-frame exchange, ${ITERATIONS} runs each, interleaved`);
  console.log(row('lintExchange', lintTimes));
  console.log(row('live linter (push + finish)', liveTimes));
  console.log(row('peer: JSON clone of the same exchange', cloneTimes));
  console.log(
    `ratio lint / JSON clone: median ${(median(lintTimes) / median(cloneTimes)).toFixed(2)}x, best ${(Math.min(...lintTimes) / Math.min(...cloneTimes)).toFixed(2)}x`,
  );
}
