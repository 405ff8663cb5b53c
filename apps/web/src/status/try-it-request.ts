import type { SnippetRequest } from '../snippets/snippet-request.js';

/**
 * The request the status page's snippets reproduce. For most codes it is exactly what Try it
 * sends (`GET /api/status/{code}` with `Accept: application/json`). For 101 it is the WebSocket
 * upgrade the simulator switches on, which a page's fetch cannot send (Connection and Upgrade are
 * forbidden request headers); the key is RFC 6455 §1.3's sample nonce.
 */
export function tryItSnippetRequest(code: number, url: string): SnippetRequest {
  if (code === 101) {
    return {
      method: 'GET',
      url,
      headers: [
        ['Connection', 'Upgrade'],
        ['Upgrade', 'websocket'],
        ['Sec-WebSocket-Version', '13'],
        ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='],
      ],
      body: '',
    };
  }
  return { method: 'GET', url, headers: [['Accept', 'application/json']], body: '' };
}
