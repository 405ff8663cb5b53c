/**
 * Byte/text helpers the Exchange record needs. They are the protocol core's (one base64 and one
 * latin1 implementation for the whole project); this module only names them for the exchange.
 */
import { decodeLatin1, encodeLatin1 } from '@switchyard/protocol';

export { decodeBase64, encodeBase64, encodeBase64Url } from '@switchyard/protocol';

/** One character per byte (latin1), e.g. to show a raw head as text. */
export function bytesToLatin1(bytes: Uint8Array): string {
  return decodeLatin1(bytes);
}

/** The inverse of {@link bytesToLatin1} for text it produced (every char ≤ U+00FF). */
export function latin1ToBytes(text: string): Uint8Array {
  return encodeLatin1(text);
}
