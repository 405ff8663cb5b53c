/** Terminal rendering of a probe result: the raw heads, the frames and the lint findings. */
import type { FrameJson } from '@switchyard/exchange';
import type { Finding } from '@switchyard/lint';
import type { ProbeExchange } from './types.js';

/** ANSI styling, or none when stdout is not a terminal. */
export interface Style {
  dim(s: string): string;
  bold(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const wrap = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
export const ansi: Style = {
  dim: wrap(2),
  bold: wrap(1),
  red: wrap(31),
  yellow: wrap(33),
  green: wrap(32),
  cyan: wrap(36),
};
const id = (s: string) => s;
export const plain: Style = { dim: id, bold: id, red: id, yellow: id, green: id, cyan: id };

const OPCODES: Record<number, string> = {
  0: 'continuation',
  1: 'text',
  2: 'binary',
  8: 'close',
  9: 'ping',
  10: 'pong',
};

/** Control characters other than TAB (shown escaped in heads). */
const CONTROL = /(?![\t])\p{Cc}/gu;

/** Shows a raw head with CR and LF made visible where they are not a plain CRLF. */
function rawHead(base64: string | undefined, prefix: string, style: Style): string[] {
  if (base64 === undefined) return [];
  const text = Buffer.from(base64, 'base64').toString('latin1');
  const lines = text.split(/(?<=\n)/);
  return lines.map((line) => {
    const body = line.replace(/\r?\n$/, '');
    const ending = line.endsWith('\r\n')
      ? ''
      : line.endsWith('\n')
        ? style.yellow('␊ (bare LF)')
        : '';
    const shown = body.replace(CONTROL, (c) =>
      style.yellow(`\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`),
    );
    return `${style.dim(prefix)} ${shown}${ending}`;
  });
}

function payloadText(frame: FrameJson): string {
  const bytes = Buffer.from(frame.inflated ?? frame.payload, 'base64');
  if (frame.close !== undefined) {
    return frame.close.code === undefined
      ? '(no code)'
      : `${frame.close.code} ${JSON.stringify(frame.close.reason ?? '')}`;
  }
  const utf8 = bytes.toString('utf8');
  const printable =
    !/[\p{Cc}]/u.test(utf8.replace(/[\t\n\r]/g, '')) && Buffer.from(utf8, 'utf8').equals(bytes);
  const shown = printable ? JSON.stringify(utf8) : `0x${bytes.toString('hex')}`;
  return shown.length > 120 ? `${shown.slice(0, 117)}...` : shown;
}

function frameLine(frame: FrameJson, style: Style): string {
  const arrow = frame.direction === 'client-to-server' ? style.cyan('>>') : style.green('<<');
  const flags = [
    frame.fin ? 'FIN' : 'fin=0',
    frame.rsv1 ? 'RSV1' : '',
    frame.rsv2 ? 'RSV2' : '',
    frame.rsv3 ? 'RSV3' : '',
    frame.masked ? 'MASK' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const op = OPCODES[frame.opcode] ?? `0x${frame.opcode.toString(16)}`;
  const problems = frame.findings.map((f) =>
    style.red(`  ! ${f.message} (${f.cite.rfc} §${f.cite.section})`),
  );
  return [
    `${arrow} #${frame.seq} ${op} [${flags}] len=${frame.payloadLength} ${payloadText(frame)}`,
    ...problems,
  ].join('\n');
}

/** The exchange as text: request, interim and final heads, frames, close, notes. */
export function formatExchange(exchange: ProbeExchange, style: Style): string {
  const p = exchange.probe;
  const out: string[] = [
    style.bold(`* ${exchange.request.method} ${p.url} -> ${p.address.address}:${p.port}`),
  ];
  if (p.tls) out.push(style.dim(`* TLS ${p.tls.protocol ?? '?'} ALPN ${p.tls.alpn ?? 'none'}`));
  out.push(...rawHead(exchange.request.raw, '>', style));
  const sent = Buffer.from(p.sentBase64, 'base64');
  const headLen = Buffer.from(exchange.request.raw ?? '', 'base64').length;
  if (sent.length > headLen) out.push(style.dim(`> (${sent.length - headLen} bytes of content)`));
  const received = Buffer.from(p.receivedBase64, 'base64').toString('base64');
  if (exchange.response === undefined && received.length > 0) {
    out.push(...rawHead(received, '<', style));
  }
  for (const interim of exchange.interim) {
    out.push(style.dim(`< ${interim.status} ${interim.reason} (interim)`));
    for (const [n, v] of interim.headers) out.push(style.dim(`<   ${n}: ${v}`));
  }
  out.push(...rawHead(exchange.response?.raw, '<', style));
  if (exchange.responseBody.size > 0) {
    out.push(style.dim(`< (${exchange.responseBody.size} bytes of content)`));
    if (exchange.responseBody.previewEncoding === 'text' && exchange.responseBody.preview) {
      out.push(exchange.responseBody.preview.slice(0, 2000));
    }
  }
  for (const frame of exchange.websocket?.frames ?? []) out.push(frameLine(frame, style));
  const close = exchange.websocket?.close;
  if (close !== undefined) {
    const how = close.clean ? style.green('clean') : style.yellow('not clean');
    out.push(
      `* closed (${how}) by ${close.initiator}, code ${close.code}${close.reason ? ` ${JSON.stringify(close.reason)}` : ''}`,
    );
  }
  out.push(style.dim(`* outcome: ${p.outcome}${p.error ? ` (${p.error})` : ''}`));
  return out.join('\n');
}

/** Lint findings, errors first. */
export function formatFindings(findings: readonly Finding[], style: Style): string {
  if (findings.length === 0) return style.green('No findings.');
  return findings
    .map((f) => {
      const tag =
        f.severity === 'error'
          ? style.red('error')
          : f.severity === 'warning'
            ? style.yellow('warning')
            : style.dim('info');
      return `${tag} ${f.ruleId}: ${f.message}`;
    })
    .join('\n');
}
