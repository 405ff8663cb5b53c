import { describe, expect, it } from 'vitest';
import { fieldsFrom, serializeRequest } from '../src/composer/request-model.js';
import {
  addField,
  moveField,
  removeField,
  setFieldValue,
  updateField,
} from '../src/composer/header-list-ops.js';

describe('serializeRequest', () => {
  it('writes the request line, enabled headers in order with CRLF, the empty line and the body', () => {
    const headers = fieldsFrom([
      ['Host', 'x'],
      ['upgrade', 'websocket'],
      ['X-Off', '1'],
      ['Connection', 'keep-alive, Upgrade'],
    ]);
    headers[2]!.enabled = false;
    const text = serializeRequest({
      method: 'GET',
      target: '/ws',
      version: 'HTTP/1.1',
      headers,
      body: 'hi',
    });
    expect(text).toBe(
      'GET /ws HTTP/1.1\r\nHost: x\r\nupgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n\r\nhi',
    );
  });

  it('sends names and values exactly as typed, even when invalid', () => {
    const text = serializeRequest({
      method: 'get',
      target: '*',
      version: 'HTTP/9',
      headers: fieldsFrom([['Bad Name ', ' spaced ']]),
      body: '',
    });
    expect(text).toBe('get * HTTP/9\r\nBad Name :  spaced \r\n\r\n');
  });
});

describe('header list operations', () => {
  const base = () =>
    fieldsFrom([
      ['A', '1'],
      ['B', '2'],
      ['C', '3'],
    ]);
  const names = (fields: { name: string }[]) => fields.map((f) => f.name).join('');

  it('moves one field without reordering the others, and ignores moves past the ends', () => {
    const fields = base();
    expect(names(moveField(fields, fields[2]!.id, -1))).toBe('ACB');
    expect(names(moveField(fields, fields[0]!.id, 1))).toBe('BAC');
    expect(names(moveField(fields, fields[0]!.id, -1))).toBe('ABC');
    expect(names(moveField(fields, fields[2]!.id, 1))).toBe('ABC');
  });

  it('adds at the end, removes by id, updates in place', () => {
    const fields = base();
    expect(names(addField(fields, 'D'))).toBe('ABCD');
    expect(names(removeField(fields, fields[1]!.id))).toBe('AC');
    expect(updateField(fields, fields[1]!.id, { value: 'x', enabled: false })[1]).toMatchObject({
      name: 'B',
      value: 'x',
      enabled: false,
    });
  });

  it('sets the first field with a name case-insensitively, or appends it', () => {
    const fields = fieldsFrom([
      ['sec-websocket-key', 'old'],
      ['Sec-WebSocket-Key', 'dup'],
    ]);
    fields[0]!.enabled = false;
    const set = setFieldValue(fields, 'Sec-WebSocket-Key', 'new');
    expect(set.map((f) => [f.name, f.value, f.enabled])).toEqual([
      ['sec-websocket-key', 'new', true],
      ['Sec-WebSocket-Key', 'dup', true],
    ]);
    expect(names(setFieldValue(base(), 'D', '4'))).toBe('ABCD');
  });
});
