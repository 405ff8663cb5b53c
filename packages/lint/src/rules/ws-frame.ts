/**
 * WebSocket framing, RFC 6455 §5 (and RFC 7692 §6 for the compressed bit). Each rule reads the
 * state a frame arrived in (see support/frame-walk.ts), so the same rules run live.
 */
import { defineFrameRule, frameEvidence, frameName } from './define.js';

const isControl = (opcode: number): boolean => opcode >= 0x8;
const isData = (opcode: number): boolean => opcode <= 0x2;

export const wsFrameRules = [
  defineFrameRule({
    id: 'ws-frame/client-unmasked',
    severity: 'error',
    title: 'Client frame is not masked',
    rfc: 'RFC 6455',
    section: '5.1',
    explain:
      'A client MUST mask every frame it sends, and a server MUST close the connection (1002) on an unmasked client frame. Masking stops attacker-chosen bytes from reaching the wire verbatim through proxies that misread WebSocket as HTTP (§10.3).',
    fix: 'Set the MASK bit and XOR the payload with a fresh random 4-byte key for every client frame (all WebSocket client libraries do; hand-written clients often forget).',
    onFrame(view, _ctx, report) {
      const f = view.frame;
      if (f.direction !== 'client-to-server' || f.masked) return;
      report(
        `${frameName(view)} has MASK=0; client frames must be masked`,
        frameEvidence(view, { actual: 'MASK=0', expected: 'MASK=1' }),
      );
    },
  }),
  defineFrameRule({
    id: 'ws-frame/server-masked',
    severity: 'error',
    title: 'Server frame is masked',
    rfc: 'RFC 6455',
    section: '5.1',
    explain:
      'A server MUST NOT mask any frame it sends; a client MUST close the connection on a masked server frame.',
    fix: 'Send server frames with MASK=0 and no masking key.',
    onFrame(view, _ctx, report) {
      const f = view.frame;
      if (f.direction !== 'server-to-client' || !f.masked) return;
      report(
        `${frameName(view)} has MASK=1 (key ${f.maskKey ?? '?'}); server frames must not be masked`,
        frameEvidence(view, { actual: 'MASK=1', expected: 'MASK=0' }),
      );
    },
  }),
  defineFrameRule({
    id: 'ws-frame/mask-key-reused',
    severity: 'warning',
    title: 'Client reuses the previous masking key',
    rfc: 'RFC 6455',
    section: '5.3',
    explain:
      'The client MUST pick a fresh masking key for each frame from a strong source of entropy; a key that repeats (or is all zeros) lets a page predict the bytes on the wire, which masking exists to prevent.',
    fix: 'Draw 4 new bytes from crypto.getRandomValues (or the platform CSPRNG) for every frame.',
    onFrame(view, _ctx, report) {
      const f = view.frame;
      if (f.direction !== 'client-to-server' || f.maskKey === undefined) return;
      if (view.previousMaskKey !== f.maskKey) return;
      report(
        `${frameName(view)} uses masking key ${f.maskKey}, the same as the previous client frame; expected a fresh random key`,
        frameEvidence(view, { actual: f.maskKey, expected: 'a new random key' }),
      );
    },
  }),
  defineFrameRule({
    id: 'ws-frame/rsv-without-extension',
    severity: 'error',
    title: 'Reserved bit set without an extension that defines it',
    rfc: 'RFC 6455',
    section: '5.2',
    explain:
      'RSV1, RSV2 and RSV3 MUST be 0 unless a negotiated extension defines their meaning; the receiver MUST fail the connection otherwise. RSV1 means "compressed" only when permessage-deflate was negotiated (RFC 7692); nothing registered defines RSV2 or RSV3.',
    fix: 'Do not set reserved bits, or negotiate permessage-deflate in the handshake before sending compressed (RSV1) frames.',
    onFrame(view, ctx, report) {
      const f = view.frame;
      if (ctx.negotiation.otherExtensions) return; // an unknown extension may define them
      const bad: string[] = [];
      if (f.rsv1 && !ctx.negotiation.deflate) bad.push('RSV1');
      if (f.rsv2) bad.push('RSV2');
      if (f.rsv3) bad.push('RSV3');
      if (bad.length === 0) return;
      const why = ctx.negotiation.deflate
        ? 'only permessage-deflate (RSV1) was negotiated'
        : 'no extension was negotiated';
      report(
        `${frameName(view)} sets ${bad.join(', ')} but ${why}; expected 0`,
        frameEvidence(view, { actual: `${bad.join('=1, ')}=1`, expected: '0' }),
      );
    },
  }),
  defineFrameRule({
    id: 'ws-frame/compressed-bit-on-continuation',
    severity: 'error',
    title: 'RSV1 (compressed) set on a continuation frame',
    rfc: 'RFC 7692',
    section: '6',
    explain:
      'With permessage-deflate, the "Per-Message Compressed" bit is set only on the first frame of a message. An endpoint MUST NOT set it on non-first fragments, and the receiver MUST fail the connection.',
    fix: 'Set RSV1 on the first frame of a compressed message only; continuation frames carry RSV1=0.',
    onFrame(view, ctx, report) {
      const f = view.frame;
      if (!ctx.negotiation.deflate || f.opcode !== 0x0 || !f.rsv1) return;
      report(
        `${frameName(view)} (continuation) has RSV1=1; only the first frame of a message may carry it`,
        frameEvidence(view, { actual: 'RSV1=1', expected: 'RSV1=0' }),
      );
    },
  }),
  defineFrameRule({
    id: 'ws-frame/compressed-bit-on-control',
    severity: 'error',
    title: 'RSV1 (compressed) set on a control frame',
    rfc: 'RFC 7692',
    section: '6',
    explain:
      'Control frames are never compressed: an endpoint MUST NOT set the "Per-Message Compressed" bit on them, and the receiver MUST fail the connection.',
    fix: 'Send close, ping and pong frames uncompressed with RSV1=0.',
    onFrame(view, ctx, report) {
      const f = view.frame;
      if (!ctx.negotiation.deflate || !isControl(f.opcode) || !f.rsv1) return;
      report(
        `${frameName(view)} has RSV1=1; control frames are never compressed`,
        frameEvidence(view, { actual: 'RSV1=1', expected: 'RSV1=0' }),
      );
    },
  }),
  defineFrameRule({
    id: 'ws-frame/reserved-opcode',
    severity: 'error',
    title: 'Reserved opcode',
    rfc: 'RFC 6455',
    section: '5.2',
    explain:
      'Opcodes 0x3–0x7 (data) and 0xB–0xF (control) are reserved; a receiver MUST fail the connection when it sees one that no negotiated extension defines.',
    fix: 'Use 0x1 text, 0x2 binary, 0x0 continuation, 0x8 close, 0x9 ping or 0xA pong.',
    onFrame(view, ctx, report) {
      const op = view.frame.opcode;
      if ((op >= 0x3 && op <= 0x7) || (op >= 0xb && op <= 0xf)) {
        if (ctx.negotiation.otherExtensions) return;
        report(
          `${frameName(view)} uses reserved opcode 0x${op.toString(16)}; expected one of 0x0, 0x1, 0x2, 0x8, 0x9, 0xA`,
          frameEvidence(view, { actual: `0x${op.toString(16)}`, expected: '0x0-0x2, 0x8-0xA' }),
        );
      }
    },
  }),
  defineFrameRule({
    id: 'ws-frame/control-frame-too-long',
    severity: 'error',
    title: 'Control frame payload longer than 125 bytes',
    rfc: 'RFC 6455',
    section: '5.5',
    explain:
      'All control frames MUST have a payload length of 125 bytes or less (so they fit the 7-bit length and can be injected between fragments).',
    fix: 'Keep ping/pong data and close reasons short (a close reason is at most 123 bytes after the 2-byte code).',
    onFrame(view, _ctx, report) {
      const f = view.frame;
      if (!isControl(f.opcode) || f.opcode > 0xa || f.payloadLength <= 125) return;
      report(
        `${frameName(view)} has a ${f.payloadLength}-byte payload; control frames allow at most 125`,
        frameEvidence(view, { actual: String(f.payloadLength), expected: '≤ 125' }),
      );
    },
  }),
  defineFrameRule({
    id: 'ws-frame/control-frame-fragmented',
    severity: 'error',
    title: 'Control frame with FIN=0',
    rfc: 'RFC 6455',
    section: '5.5',
    explain: 'Control frames MUST NOT be fragmented: every close, ping and pong frame has FIN=1.',
    fix: 'Send control frames with FIN=1 in a single frame.',
    onFrame(view, _ctx, report) {
      const f = view.frame;
      if (!isControl(f.opcode) || f.opcode > 0xa || f.fin) return;
      report(
        `${frameName(view)} has FIN=0; control frames cannot be fragmented`,
        frameEvidence(view, { actual: 'FIN=0', expected: 'FIN=1' }),
      );
    },
  }),
  defineFrameRule({
    id: 'ws-frame/unexpected-continuation',
    severity: 'error',
    title: 'Continuation frame with no message in progress',
    rfc: 'RFC 6455',
    section: '5.4',
    explain:
      'A continuation frame (opcode 0x0) only continues a fragmented message started by a text or binary frame with FIN=0. Without one, the receiver MUST fail the connection.',
    fix: 'Start each message with opcode 0x1 or 0x2; use 0x0 only for the following fragments.',
    onFrame(view, _ctx, report) {
      if (view.frame.opcode !== 0x0 || view.openMessage !== undefined) return;
      report(
        `${frameName(view)} continues a message, but this side has no fragmented message in progress; expected a text (0x1) or binary (0x2) frame`,
        frameEvidence(view, { actual: 'opcode 0x0', expected: 'opcode 0x1 or 0x2' }),
      );
    },
  }),
  defineFrameRule({
    id: 'ws-frame/interleaved-data-frame',
    severity: 'error',
    title: 'New data message started inside a fragmented message',
    rfc: 'RFC 6455',
    section: '5.4',
    explain:
      'Fragments of one message MUST NOT be interleaved with another message: until the FIN fragment arrives only continuation frames (and control frames) may follow.',
    fix: 'Finish the fragmented message (continuation frame with FIN=1) before starting the next one.',
    onFrame(view, _ctx, report) {
      const op = view.frame.opcode;
      if ((op !== 0x1 && op !== 0x2) || view.openMessage === undefined) return;
      report(
        `${frameName(view)} starts a new message while a fragmented ${view.openMessage === 1 ? 'text' : 'binary'} message is still open; expected a continuation frame`,
        frameEvidence(view, { actual: `opcode 0x${op.toString(16)}`, expected: 'opcode 0x0' }),
      );
    },
  }),
  defineFrameRule({
    id: 'ws-frame/non-minimal-length',
    severity: 'error',
    title: 'Payload length not encoded in the minimal number of bytes',
    rfc: 'RFC 6455',
    section: '5.2',
    explain:
      'The minimal number of bytes MUST be used to encode the length: lengths up to 125 in the 7-bit field, up to 65535 in the 16-bit form, only larger ones in the 64-bit form. Strict receivers fail the connection.',
    fix: 'Choose the length encoding by size: <126 → 7-bit, <65536 → 16-bit (126), otherwise 64-bit (127).',
    onFrame(view, _ctx, report) {
      const f = view.frame;
      const minimal = f.payloadLength < 126 ? 7 : f.payloadLength < 65536 ? 16 : 64;
      if (f.lengthEncoding === minimal) return;
      report(
        `${frameName(view)} encodes length ${f.payloadLength} in the ${f.lengthEncoding}-bit form; expected the ${minimal}-bit form`,
        frameEvidence(view, { actual: `${f.lengthEncoding}-bit`, expected: `${minimal}-bit` }),
      );
    },
  }),
  defineFrameRule({
    id: 'ws-frame/invalid-utf8',
    severity: 'error',
    title: 'Text message is not valid UTF-8',
    rfc: 'RFC 6455',
    section: '8.1',
    explain:
      'Text messages MUST be valid UTF-8 as a whole (fragments may split a character, the message may not). A receiver MUST fail the connection (close code 1007) as soon as it sees invalid data.',
    fix: 'Send binary frames for non-text data; encode strings as UTF-8 and never split a message in a way that drops bytes.',
    onFrame(view, _ctx, report) {
      if (view.utf8Error !== undefined) {
        const e = view.utf8Error;
        const at = e.in === 'payload' ? { byteOffset: view.frame.payloadOffset + e.index } : {};
        const byte = e.in === 'payload' ? view.payload[e.index] : undefined;
        report(
          `${frameName(view)}: invalid UTF-8 at ${e.in} byte ${e.index}${byte !== undefined ? ` (0x${byte.toString(16).padStart(2, '0')})` : ''}; text messages must be valid UTF-8`,
          frameEvidence(view, { ...at, expected: 'valid UTF-8' }),
        );
      } else if (view.utf8Incomplete) {
        report(
          `${frameName(view)} ends the text message in the middle of a UTF-8 sequence; expected complete characters`,
          frameEvidence(view, { expected: 'complete UTF-8 sequence' }),
        );
      }
    },
  }),
  defineFrameRule({
    id: 'ws-frame/data-after-close',
    severity: 'error',
    title: "Data frame sent after this side's Close",
    rfc: 'RFC 6455',
    section: '5.5.1',
    explain:
      'After sending a Close frame an endpoint MUST NOT send any more data frames; the peer discards them.',
    fix: 'Stop sending messages once close() has been called; flush pending data before the Close frame.',
    onFrame(view, _ctx, report) {
      if (!isData(view.frame.opcode) || !view.afterOwnClose) return;
      report(
        `${frameName(view)} was sent after this side's Close frame; expected no data frames after Close`,
        frameEvidence(view, { expected: 'no data after Close' }),
      );
    },
  }),
];
