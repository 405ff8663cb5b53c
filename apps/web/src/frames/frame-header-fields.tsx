import { decodeBase64, type FrameJson } from '@switchyard/exchange';
import { formatMicros, hexPreview, opcodeName } from '../exchange/frame-format.js';

/** How the payload length was written (RFC 6455 §5.2, "Payload length"). */
function lengthEncodingText(encoding: FrameJson['lengthEncoding']): string {
  if (encoding === 16) return '126 + 16-bit extended length';
  if (encoding === 64) return '127 + 64-bit extended length';
  return '7-bit length';
}

/** The 4-byte masking key as hex bytes, as it sits in the frame header (RFC 6455 §5.3). */
function maskKeyText(frame: FrameJson): string {
  if (!frame.masked) return '0 (no masking key)';
  const key = frame.maskKey === undefined ? undefined : decodeBase64(frame.maskKey);
  if (!key) return '1 (key not recorded)';
  return `1, key ${hexPreview(key)}`;
}

/** Bytes stored of the payload, when the capture cap cut it short. */
function storedBytes(frame: FrameJson): number {
  return decodeBase64(frame.payload)?.length ?? 0;
}

/**
 * A frame's header as on the wire (RFC 6455 §5.2): FIN, RSV1-3, opcode, MASK and key, payload
 * length and how it was encoded, plus where the frame sits in the stream and when it was seen.
 */
export function FrameHeaderFields({ frame }: { frame: FrameJson }) {
  const inflated = frame.inflated === undefined ? undefined : decodeBase64(frame.inflated);
  const rows: [string, string][] = [
    ['FIN', frame.fin ? '1 (final fragment)' : '0 (more fragments follow, §5.4)'],
    [
      'RSV1 RSV2 RSV3',
      `${frame.rsv1 ? 1 : 0} ${frame.rsv2 ? 1 : 0} ${frame.rsv3 ? 1 : 0}${
        // RFC 7692 §6: with permessage-deflate, RSV1 on a message's first frame means compressed.
        frame.rsv1 && inflated ? ' (RSV1: compressed message, RFC 7692 §6)' : ''
      }`,
    ],
    ['Opcode', `0x${frame.opcode.toString(16)} (${opcodeName(frame.opcode)})`],
    ['MASK', maskKeyText(frame)],
    [
      'Payload length',
      `${frame.payloadLength} bytes on the wire (${lengthEncodingText(frame.lengthEncoding)})`,
    ],
  ];
  if (inflated) {
    rows.push([
      'Inflated',
      `${inflated.length} bytes${frame.inflatedTruncated ? ' (cut by the capture cap)' : ''}`,
    ]);
  }
  if (frame.payloadTruncated) {
    rows.push([
      'Stored',
      `${storedBytes(frame)} of ${frame.payloadLength} payload bytes (capture cap reached)`,
    ]);
  }
  rows.push(
    [
      'Position',
      `byte ${frame.headerOffset} of the ${
        frame.direction === 'client-to-server' ? 'client → server' : 'server → client'
      } stream: ${frame.headerLength}-byte header, payload at ${frame.payloadOffset}`,
    ],
    ['Time', `${formatMicros(frame.time)} after the exchange began`],
  );
  return (
    <dl
      data-testid="frame-header-fields"
      className="mt-2 grid grid-cols-[7.5rem_1fr] gap-x-3 text-xs sm:grid-cols-[9rem_1fr]"
    >
      {rows.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="font-medium">{name}</dt>
          <dd className="font-mono break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
