/**
 * The Sec-WebSocket-Accept a correct server derives from the client's key (RFC 6455 §4.2.2 step
 * 5.4): base64(SHA-1(key + GUID)), the key taken as sent minus leading and trailing whitespace.
 */
import { computeAccept } from '@switchyard/protocol';

/** Expected Sec-WebSocket-Accept for a Sec-WebSocket-Key field value. */
export function expectedAccept(key: string): string {
  return computeAccept(key.trim());
}
