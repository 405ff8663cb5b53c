import { describe, expect, it } from 'vitest';
import { fieldsFrom, type ComposedRequest } from '../src/composer/request-model.js';
import { parseBase64, parseHex, toBase64 } from '../src/playground/byte-input.js';
import { probeBody, probeUrl } from '../src/playground/probe-api.js';

function request(headers: [string, string][], target = '/ws/echo?x=1'): ComposedRequest {
  return { method: 'GET', target, version: 'HTTP/1.1', headers: fieldsFrom(headers), body: '' };
}

describe('probe request body', () => {
  it('keeps the enabled header lines in order and as typed, and leaves out disabled ones', () => {
    const r = request([
      ['host', 'a'],
      ['UPGRADE', 'WebSocket'],
      ['X-Off', '1'],
      ['connection', 'keep-alive, Upgrade'],
    ]);
    r.headers[2]!.enabled = false;
    expect(probeBody('http://127.0.0.1:8080/', r)).toEqual({
      url: 'ws://127.0.0.1:8080/ws/echo?x=1',
      method: 'GET',
      target: '/ws/echo?x=1',
      version: 'HTTP/1.1',
      headers: [
        ['host', 'a'],
        ['UPGRADE', 'WebSocket'],
        ['connection', 'keep-alive, Upgrade'],
      ],
      autoPong: true,
    });
  });

  it('picks the scheme from the offer and the origin', () => {
    const ws = request([['Upgrade', 'websocket']]);
    const h2c = request([['Upgrade', 'h2c']], '/');
    expect(probeUrl('https://example.test', ws)).toBe('wss://example.test/ws/echo?x=1');
    expect(probeUrl('http://127.0.0.1:1', h2c)).toBe('http://127.0.0.1:1/');
    // An absolute-form or asterisk target is still sent as typed; the URL uses the origin's root.
    expect(probeUrl('http://127.0.0.1:1', request([], '*'))).toBe('http://127.0.0.1:1/');
  });
});

describe('binary payload input', () => {
  it('parses hex and base64 and rejects malformed input', () => {
    expect(Array.from(parseHex('0x01 ff:0A') ?? [])).toEqual([1, 255, 10]);
    expect(parseHex('abc')).toBeUndefined();
    expect(parseHex('zz')).toBeUndefined();
    expect(Array.from(parseBase64('AAH/') ?? [])).toEqual([0, 1, 255]);
    expect(parseBase64('A')).toBeUndefined();
    expect(parseBase64('***=')).toBeUndefined();
    expect(toBase64(new Uint8Array([0, 1, 255]))).toBe('AAH/');
  });
});
