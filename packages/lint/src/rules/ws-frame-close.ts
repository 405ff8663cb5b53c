/**
 * Close, ping and pong semantics, RFC 6455 §5.5 and §7.4. Part of the `ws-frame` group.
 */
import { closeCodeProblem, isValidUtf8 } from '@switchyard/protocol';
import { defineFrameRule, frameEvidence, frameName } from './define.js';
import type { FrameView } from '../support/frame-walk.js';

/** The status code in a close frame's payload, when it has one (first two bytes, §5.5.1). */
function closeCode(view: FrameView): number | undefined {
  if (view.frame.opcode !== 0x8 || view.payload.length < 2) return undefined;
  return (view.payload[0]! << 8) | view.payload[1]!;
}

const LOCAL_ONLY = new Set([1004, 1005, 1006, 1015]);

export const wsCloseRules = [
  defineFrameRule({
    id: 'ws-frame/close-payload-one-byte',
    severity: 'error',
    title: 'Close frame with a 1-byte payload',
    rfc: 'RFC 6455',
    section: '5.5.1',
    explain:
      "A Close frame's body, if any, MUST start with a 2-byte status code; an empty body is allowed, a single byte is not (it is half a code). Receivers fail the connection with 1002.",
    fix: 'Send an empty Close payload, or a 2-byte big-endian code (e.g. 0x03 0xE8 for 1000) optionally followed by a UTF-8 reason.',
    onFrame(view, _ctx, report) {
      if (view.frame.opcode !== 0x8 || view.frame.payloadLength !== 1) return;
      report(
        `${frameName(view)} has a 1-byte payload; expected 0 bytes or a 2-byte status code`,
        frameEvidence(view, { actual: '1 byte', expected: '0 or ≥ 2 bytes' }),
      );
    },
  }),
  defineFrameRule({
    id: 'ws-frame/close-code-reserved',
    severity: 'error',
    title: 'Close frame carries a code reserved for local use',
    rfc: 'RFC 6455',
    section: '7.4.1',
    explain:
      '1005 (no status), 1006 (abnormal closure) and 1015 (TLS failure) MUST NOT be set in a Close frame: they exist only for an API to report what happened locally. 1004 is reserved. A receiver fails the connection on them.',
    fix: 'Send 1000 for a normal close, 1001 when going away, 1002/1003/1007–1011 for errors, or 3000–4999 for application codes.',
    onFrame(view, _ctx, report) {
      const code = closeCode(view);
      if (code === undefined || !LOCAL_ONLY.has(code)) return;
      report(
        `${frameName(view)} carries close code ${code}: ${closeCodeProblem(code) ?? 'reserved'}`,
        frameEvidence(view, {
          byteOffset: view.frame.payloadOffset,
          actual: String(code),
          expected: '1000',
        }),
      );
    },
  }),
  defineFrameRule({
    id: 'ws-frame/close-code-out-of-range',
    severity: 'error',
    title: 'Close code outside the ranges that may be sent',
    rfc: 'RFC 6455',
    section: '7.4.2',
    explain:
      'Codes 0–999 are unused, 1016–2999 are reserved for future extensions of the protocol (none assigned), and nothing exists above 4999. Receivers fail the connection on such codes. Applications have 4000–4999; libraries and frameworks 3000–3999 (IANA-registered).',
    fix: 'Use 1000–1003 or 1007–1014 for protocol-level reasons and 4000–4999 for your own.',
    onFrame(view, _ctx, report) {
      const code = closeCode(view);
      if (code === undefined || LOCAL_ONLY.has(code)) return;
      const problem = closeCodeProblem(code);
      if (problem === undefined) return;
      report(
        `${frameName(view)} carries close code ${code}: ${problem}; expected 1000–1003, 1007–1014 or 3000–4999`,
        frameEvidence(view, {
          byteOffset: view.frame.payloadOffset,
          actual: String(code),
          expected: '1000',
        }),
      );
    },
  }),
  defineFrameRule({
    id: 'ws-frame/close-reason-invalid-utf8',
    severity: 'error',
    title: 'Close reason is not valid UTF-8',
    rfc: 'RFC 6455',
    section: '5.5.1',
    explain:
      'The reason after the close code is UTF-8-encoded data; a receiver fails the connection (1007) when it is not valid UTF-8.',
    fix: 'Encode the close reason as UTF-8 and cut it on a character boundary (at most 123 bytes).',
    onFrame(view, _ctx, report) {
      if (view.frame.opcode !== 0x8 || view.payload.length <= 2 || view.frame.payloadTruncated)
        return;
      const reason = view.payload.subarray(2);
      if (isValidUtf8(reason)) return;
      report(
        `${frameName(view)} has a ${reason.length}-byte close reason that is not valid UTF-8`,
        frameEvidence(view, { byteOffset: view.frame.payloadOffset + 2, expected: 'valid UTF-8' }),
      );
    },
  }),
  defineFrameRule({
    id: 'ws-frame/pong-payload-mismatch',
    severity: 'warning',
    title: "Pong does not echo the ping's data",
    rfc: 'RFC 6455',
    section: '5.5.3',
    explain:
      'A Pong sent in response to a Ping MUST carry the identical application data. Peers that use ping data to match replies (latency probes, keep-alive checks) will treat the connection as dead.',
    fix: 'Copy the ping payload into the pong unchanged.',
    onFrame(view, _ctx, report) {
      if (view.frame.opcode !== 0xa || view.pongExpected === undefined) return;
      let got = '';
      for (const b of view.payload) got += b.toString(16).padStart(2, '0');
      const want = view.pongExpected;
      report(
        `${frameName(view)} carries data 0x${got || '(empty)'} but the pending ping${want.length > 1 ? 's' : ''} carried ${want.map((w) => `0x${w || '(empty)'}`).join(', ')}`,
        frameEvidence(view, { actual: got, expected: want[want.length - 1]! }),
      );
    },
  }),
  defineFrameRule({
    id: 'ws-frame/unanswered-ping',
    severity: 'warning',
    title: 'Ping never answered with a Pong',
    rfc: 'RFC 6455',
    section: '5.5.2',
    explain:
      'On receipt of a Ping an endpoint MUST send a Pong in response (as soon as practical) unless it has already received a Close frame. Keep-alive logic on the pinging side then drops the connection.',
    fix: 'Answer every ping with a pong carrying the same data (WebSocket libraries do this automatically unless the application disabled it or blocked the read loop).',
    onEnd(ctx, report) {
      for (const p of ctx.end.pendingPings) {
        const who = p.direction === 'client-to-server' ? 'server' : 'client';
        report(
          `Ping frame #${p.seq} (data 0x${p.payloadHex || '(empty)'}) was never answered by the ${who} before the connection closed`,
          { where: 'frame', frameSeq: p.seq, expected: `a pong from the ${who}` },
        );
      }
    },
  }),
  defineFrameRule({
    id: 'ws-frame/no-close-reply',
    severity: 'warning',
    title: 'Close frame never answered with a Close',
    rfc: 'RFC 6455',
    section: '5.5.1',
    explain:
      'An endpoint that receives a Close frame and has not sent one MUST send a Close frame in response. Without the reply the closing handshake never completes: the initiator waits for a timeout and reports an unclean close (1006).',
    fix: 'On receiving Close, echo a Close (usually with the same code) and then close the TCP connection (the server closes first, §7.1.1).',
    onEnd(ctx, report) {
      const c = ctx.end.closeSeq['client-to-server'];
      const s = ctx.end.closeSeq['server-to-client'];
      if ((c === undefined) === (s === undefined)) return;
      const seq = (c ?? s)!;
      const who = c !== undefined ? 'client' : 'server';
      const peer = c !== undefined ? 'server' : 'client';
      report(
        `The ${who} sent Close (frame #${seq}) but the ${peer} never replied with a Close before the connection ended`,
        { where: 'frame', frameSeq: seq, expected: `a Close frame from the ${peer}` },
      );
    },
  }),
];
