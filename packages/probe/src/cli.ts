/**
 * `switchyard probe <url> [-H 'Name: value']... [--send text]... [--har out.har] [--json]`
 *
 * Sends a well-formed request for the URL (an opening handshake for ws/wss), with each -H line
 * replacing the default of the same name (or added; `-H 'Name:'` removes it; a line without a
 * colon is sent as is), prints the raw exchange and the lint findings, and exits:
 * 0 fine, 1 handshake failed or a finding of severity error, 2 usage, 3 refused or unreachable.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import type { ComposedLine } from '@switchyard/protocol';
import { toHar } from '@switchyard/exchange';
import type { Finding } from '@switchyard/lint';
import { lintExchange, sortFindings } from '@switchyard/lint';
import { ansi, formatExchange, formatFindings, plain } from './cli-format.js';
import { defaultHeaders } from './default-headers.js';
import { ProbeConnectError, ProbeInputError, ProbeRefusedError } from './errors.js';
import { startProbe } from './probe.js';
import { redactProbeExchange } from './share-redact.js';
import { parseTargetUrl } from './target-url.js';
import type { ProbeExchange } from './types.js';

export const USAGE = `usage: switchyard probe <url> [options]

  <url>                 ws://, wss://, http:// or https:// URL
  -H, --header LINE     'Name: value' replaces the default Name (or is added);
                        'Name:' removes it; a line without ':' is sent as is
  -X, --method METHOD   request method (default GET)
      --send TEXT       send a text message after the handshake (repeatable)
      --wait MS         after sending, wait until the server is quiet this long (default 500)
      --follow N        follow up to N redirects (http/https)
      --origin ORIGIN   also run a CORS preflight for ORIGIN (http/https)
      --har FILE        write the exchange(s) as HAR 1.2, credentials redacted
      --json            print the exchange(s) and findings as JSON
  -k, --insecure        do not verify the TLS certificate
      --timeout MS      connect and response-head timeout (default 10000)

exit status: 0 ok; 1 handshake failed or a finding of severity error; 2 usage; 3 refused or
unreachable`;

/** Output sinks (injectable for tests). */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  color: boolean;
}

const defaultIo = (): CliIo => ({
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
  color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
});

/** Applies -H lines to the default header list (curl-like). */
export function applyHeaderArgs(
  defaults: [string, string][],
  args: readonly string[],
): ComposedLine[] {
  const lines: ComposedLine[] = defaults.map(([n, v]) => [n, v] as const);
  for (const arg of args) {
    const colon = arg.indexOf(':');
    if (colon <= 0) {
      lines.push({ raw: arg });
      continue;
    }
    const name = arg.slice(0, colon);
    const value = arg.slice(colon + 1).trim();
    const at = lines.findIndex(
      (l) => Array.isArray(l) && (l[0] as string).toLowerCase() === name.toLowerCase(),
    );
    if (value === '' && at >= 0) lines.splice(at, 1);
    else if (at >= 0) lines[at] = [name, value];
    else lines.push([name, value]);
  }
  return lines;
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs the CLI; returns the exit status. */
export async function main(argv: readonly string[], io: CliIo = defaultIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === undefined) {
    (command === undefined ? io.err : io.out)(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'probe') {
    io.err(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: {
        header: { type: 'string', short: 'H', multiple: true },
        method: { type: 'string', short: 'X' },
        send: { type: 'string', multiple: true },
        wait: { type: 'string' },
        follow: { type: 'string' },
        origin: { type: 'string' },
        har: { type: 'string' },
        json: { type: 'boolean' },
        insecure: { type: 'boolean', short: 'k' },
        timeout: { type: 'string' },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const num = (text: string | undefined, fallback: number) => {
    const n = text === undefined ? fallback : Number(text);
    return Number.isFinite(n) && n >= 0 ? n : NaN;
  };
  const waitMs = num(values.wait, 500);
  const follow = num(values.follow, 0);
  const timeout = num(values.timeout, 10_000);
  if (positionals.length !== 1 || [waitMs, follow, timeout].some(Number.isNaN)) {
    io.err(USAGE);
    return 2;
  }
  const style = io.color && values.json !== true ? ansi : plain;
  let url;
  try {
    url = parseTargetUrl(positionals[0]!);
  } catch (error) {
    io.err((error as Error).message);
    return 2;
  }
  const headers = applyHeaderArgs(
    defaultHeaders(url, new Uint8Array(randomBytes(16))),
    values.header ?? [],
  );
  let probe;
  try {
    probe = await startProbe(
      { url: url.href, method: values.method ?? 'GET', target: url.path, headers },
      {
        followRedirects: follow,
        ...(values.origin !== undefined ? { corsOrigin: values.origin } : {}),
        tls: { rejectUnauthorized: values.insecure !== true },
        timeouts: { connectMs: timeout, headMs: timeout, idleMs: 30_000, maxDurationMs: 120_000 },
      },
    );
  } catch (error) {
    if (error instanceof ProbeInputError) {
      io.err(error.message);
      return 2;
    }
    if (error instanceof ProbeRefusedError || error instanceof ProbeConnectError) {
      io.err(`switchyard: ${error.message}`);
      return 3;
    }
    throw error;
  }
  await probe.ready;
  if (probe.open) {
    for (const text of values.send ?? []) probe.send({ type: 'text', text });
    // Wait until the server has been quiet for waitMs (bounded: at most 100 rounds).
    let seen = -1;
    for (let round = 0; round < 100 && probe.open; round++) {
      const count = probe.snapshot().websocket?.frames.length ?? 0;
      if (count === seen) break;
      seen = count;
      await wait(waitMs);
    }
    if (probe.open) probe.close(1000, '');
  }
  const result = await probe.result;
  const exchanges: ProbeExchange[] = [result.exchange, ...result.hops];
  if (result.cors?.exchange !== undefined) exchanges.push(result.cors.exchange);
  const findings: Finding[] = [];
  for (const exchange of exchanges) {
    const own = sortFindings(lintExchange(exchange));
    exchange.findings = own;
    findings.push(...own);
  }
  if (values.har !== undefined) {
    // A HAR file is made to be shared: credentials (Authorization, Proxy-Authorization, Cookie,
    // Set-Cookie, the `token` query value) are replaced and listed in each entry's redactions,
    // as the server does before storing (packages/exchange redact.ts). The terminal and --json
    // output is the user's own and stays as sent.
    const shareable = exchanges.map((exchange) => redactProbeExchange(exchange));
    await writeFile(values.har, `${JSON.stringify(toHar(shareable), null, 2)}\n`);
  }
  if (values.json === true) {
    io.out(JSON.stringify({ exchanges, cors: result.cors?.report, findings }, null, 2));
  } else {
    for (const exchange of exchanges) io.out(`${formatExchange(exchange, style)}\n`);
    if (result.cors !== undefined) {
      const r = result.cors.report;
      io.out(
        `* CORS preflight for ${r.origin}: ${r.allowed ? style.green('allowed') : style.red('blocked')}${r.reasons.length ? ` (${r.reasons.join('; ')})` : ''}\n`,
      );
    }
    io.out(formatFindings(findings, style));
  }
  const outcome = result.exchange.probe.outcome;
  const handshakeFailed = url.websocket ? outcome !== 'upgraded' : outcome === 'handshake-failed';
  if (outcome === 'timeout' || outcome === 'error') {
    if (!url.websocket) return 3;
  }
  return handshakeFailed || findings.some((f) => f.severity === 'error') ? 1 : 0;
}
