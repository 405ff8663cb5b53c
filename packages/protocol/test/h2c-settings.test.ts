import { describe, expect, it } from 'vitest';
import {
  decodeHttp2Settings,
  decodeSettingsPayload,
  encodeHttp2Settings,
  encodeSettingsPayload,
  settingName,
  SETTINGS_IDS,
} from '../src/index.js';

describe('RFC 9113 §6.5.1 SETTINGS payload format', () => {
  it('decodes 6-byte entries (16-bit id, 32-bit value) in order', () => {
    const payload = new Uint8Array([0, 3, 0, 0, 0, 100, 0, 6, 0xff, 0xff, 0xff, 0x7f]);
    const { settings, findings } = decodeSettingsPayload(payload);
    expect(findings).toEqual([]);
    expect(settings).toEqual([
      { id: 3, name: 'SETTINGS_MAX_CONCURRENT_STREAMS', value: 100, offset: 0 },
      { id: 6, name: 'SETTINGS_MAX_HEADER_LIST_SIZE', value: 0xffffff7f, offset: 6 },
    ]);
  });

  it('encodes what it decodes, including values above 2^31', () => {
    const entries = [
      { id: 1, value: 4096 },
      { id: 6, value: 0xffffffff },
    ];
    expect(
      decodeSettingsPayload(encodeSettingsPayload(entries)).settings.map(({ id, value }) => ({
        id,
        value,
      })),
    ).toEqual(entries);
  });

  it('names the known settings including RFC 8441 extended CONNECT', () => {
    expect(settingName(SETTINGS_IDS.ENABLE_CONNECT_PROTOCOL)).toBe(
      'SETTINGS_ENABLE_CONNECT_PROTOCOL',
    );
    expect(SETTINGS_IDS.ENABLE_CONNECT_PROTOCOL).toBe(0x8);
    expect(settingName(0x7)).toBe('UNKNOWN(0x7)');
  });
});

describe('RFC 9113 §6.5 / §6.5.2 SETTINGS validation', () => {
  const one = (id: number, value: number) =>
    decodeSettingsPayload(encodeSettingsPayload([{ id, value }])).findings;

  it('reports a length that is not a multiple of 6 as FRAME_SIZE_ERROR', () => {
    const { settings, findings } = decodeSettingsPayload(new Uint8Array(7));
    expect(settings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'settings-length', h2Error: 'FRAME_SIZE_ERROR' });
  });

  it('accepts ENABLE_PUSH 0 and 1 only', () => {
    expect(one(2, 1)).toEqual([]);
    expect(one(2, 2)[0]).toMatchObject({ h2Error: 'PROTOCOL_ERROR', cite: { section: '6.5.2' } });
  });

  it('caps INITIAL_WINDOW_SIZE at 2^31-1 (FLOW_CONTROL_ERROR)', () => {
    expect(one(4, 2 ** 31 - 1)).toEqual([]);
    expect(one(4, 2 ** 31)[0]).toMatchObject({ h2Error: 'FLOW_CONTROL_ERROR' });
  });

  it('bounds MAX_FRAME_SIZE to 2^14..2^24-1', () => {
    expect(one(5, 2 ** 14)).toEqual([]);
    expect(one(5, 2 ** 24 - 1)).toEqual([]);
    expect(one(5, 2 ** 14 - 1)[0]).toMatchObject({ h2Error: 'PROTOCOL_ERROR' });
    expect(one(5, 2 ** 24)[0]).toMatchObject({ h2Error: 'PROTOCOL_ERROR' });
  });

  it('checks ENABLE_CONNECT_PROTOCOL is 0 or 1 (RFC 8441 §3)', () => {
    expect(one(8, 1)).toEqual([]);
    expect(one(8, 2)[0]).toMatchObject({ cite: { rfc: 'RFC 8441', section: '3' } });
  });

  it('ignores unknown identifiers with an info finding', () => {
    expect(one(0x4242, 7)).toEqual([expect.objectContaining({ severity: 'info' })]);
  });
});

describe('RFC 7540 §3.2.1 HTTP2-Settings header field', () => {
  it('decodes base64url without padding, using - and _', () => {
    // nghttp's value: MAX_CONCURRENT_STREAMS=100, INITIAL_WINDOW_SIZE=65535.
    const decoded = decodeHttp2Settings('AAMAAABkAAQAAP__');
    expect(decoded.findings).toEqual([]);
    expect(decoded.settings?.map((s) => [s.name, s.value])).toEqual([
      ['SETTINGS_MAX_CONCURRENT_STREAMS', 100],
      ['SETTINGS_INITIAL_WINDOW_SIZE', 65535],
    ]);
  });

  it('encodes without padding', () => {
    expect(
      encodeHttp2Settings([
        { id: 3, value: 100 },
        { id: 4, value: 65535 },
      ]),
    ).toBe('AAMAAABkAAQAAP__');
    expect(encodeHttp2Settings([{ id: 2, value: 0 }])).toBe('AAIAAAAA');
  });

  it('rejects standard base64 characters and broken lengths', () => {
    expect(decodeHttp2Settings('AAMAAABkAAQAAP//').settings).toBeUndefined();
    expect(decodeHttp2Settings('AAMAA').findings[0]).toMatchObject({
      code: 'http2-settings-not-base64url',
    });
  });

  it('accepts trailing padding with a warning', () => {
    const decoded = decodeHttp2Settings('AAIAAAAA=');
    expect(decoded.findings.map((f) => f.code)).toEqual(['http2-settings-padding']);
    expect(decoded.settings).toHaveLength(1);
  });

  it('reports a payload that is not a whole number of entries', () => {
    const decoded = decodeHttp2Settings('AAIAAA');
    expect(decoded.findings.map((f) => f.code)).toEqual(['settings-length']);
  });

  it('reports invalid values inside a well-formed value', () => {
    const value = encodeHttp2Settings([{ id: 5, value: 100 }]);
    expect(decodeHttp2Settings(value).findings[0]).toMatchObject({
      code: 'invalid-setting-value',
    });
  });
});
