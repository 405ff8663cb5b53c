import { describe, expect, it } from 'vitest';
import { presets, type PresetContext } from '../src/composer/presets.js';
import { serializeRequest } from '../src/composer/request-model.js';
import { generateWebSocketKey } from '../src/composer/websocket-key.js';

const context: PresetContext = { host: 'localhost:8080', key: (n) => generateWebSocketKey(n) };
const build = (id: string) => {
  const preset = presets.find((p) => p.id === id);
  if (!preset) throw new Error(`no preset ${id}`);
  return preset.build(context);
};
const header = (id: string, name: string) =>
  build(id).headers.filter((h) => h.name.toLowerCase() === name.toLowerCase());

describe('presets', () => {
  it('has the eight presets issue 6 names, each with an expectation', () => {
    expect(presets.map((p) => p.id)).toEqual([
      'websocket',
      'websocket-subprotocols-deflate',
      'firefox',
      'h2c',
      'http10-upgrade',
      'wrong-version',
      'short-key',
      'missing-connection',
    ]);
    for (const preset of presets) expect(preset.expect).toMatch(/RFC \d+ §/);
  });

  it('builds a valid RFC 6455 §4.1 opening handshake for the plain WebSocket preset', () => {
    const text = serializeRequest(build('websocket'));
    expect(text).toMatch(
      /^GET \/ws\/echo HTTP\/1\.1\r\nHost: localhost:8080\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: [A-Za-z0-9+/]{22}==\r\nSec-WebSocket-Version: 13\r\n\r\n$/,
    );
  });

  it('breaks exactly one thing in each faulty preset', () => {
    expect(header('wrong-version', 'Sec-WebSocket-Version')[0]?.value).toBe('8');
    expect(atob(header('short-key', 'Sec-WebSocket-Key')[0]!.value)).toHaveLength(8);
    expect(header('missing-connection', 'Connection')).toHaveLength(0);
    expect(header('missing-connection', 'Upgrade')).toHaveLength(1);
    expect(build('http10-upgrade').version).toBe('HTTP/1.0');
  });

  it('sends Firefox-style Connection and an h2c upgrade naming HTTP2-Settings', () => {
    expect(header('firefox', 'Connection')[0]?.value).toBe('keep-alive, Upgrade');
    const h2c = build('h2c');
    expect(h2c.headers.map((h) => h.name)).toEqual([
      'Host',
      'Connection',
      'Upgrade',
      'HTTP2-Settings',
    ]);
    expect(header('h2c', 'Connection')[0]?.value).toBe('Upgrade, HTTP2-Settings');
    // RFC 7540 §3.2.1: token68 base64url of a SETTINGS payload, 6 bytes per setting.
    const settings = header('h2c', 'HTTP2-Settings')[0]!.value;
    expect(atob(settings.replace(/-/g, '+').replace(/_/g, '/')).length % 6).toBe(0);
  });

  it('offers subprotocols and permessage-deflate', () => {
    expect(header('websocket-subprotocols-deflate', 'Sec-WebSocket-Protocol')[0]?.value).toBe(
      'echo.v1, json.v1',
    );
    expect(header('websocket-subprotocols-deflate', 'Sec-WebSocket-Extensions')[0]?.value).toMatch(
      /^permessage-deflate/,
    );
  });
});
