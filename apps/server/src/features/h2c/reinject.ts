/**
 * Serving a declined upgrade request over HTTP/1.1 with its content. Once Node has emitted
 * 'upgrade' its HTTP parser is gone and the content bytes are raw on the socket, so the
 * simulator's upgrade listener can only refuse such requests. RFC 7540 §3.2 has the server
 * ignore an h2c offer it does not take, and answer over HTTP/1.1 (the client sent the content
 * in full before anything else). We give the socket back to Node's HTTP/1.1 server with the
 * request head in front of the bytes that followed it, so it is parsed (and its content framed)
 * like any request and the connection stays persistent. Node only treats a request as an
 * upgrade when Connection lists "upgrade" (RFC 9110 §7.8), so that one option is removed from
 * the re-fed head: that is what "ignoring the Upgrade" means for the rest of the server.
 */
import type { IncomingMessage } from 'node:http';

/** The request head with the `upgrade` connection option taken out of Connection. */
export function headWithoutUpgradeOption(req: IncomingMessage): Buffer {
  let text = `${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/${req.httpVersion}\r\n`;
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i]!;
    let value = raw[i + 1]!;
    if (name.toLowerCase() === 'connection') {
      value = value
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== '' && t.toLowerCase() !== 'upgrade')
        .join(', ');
      if (value === '') continue;
    }
    text += `${name}: ${value}\r\n`;
  }
  return Buffer.from(`${text}\r\n`, 'latin1');
}

/** True when the request announces content (RFC 9112 §6.3). */
export function hasContent(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
