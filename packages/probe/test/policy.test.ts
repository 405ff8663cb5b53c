import { describe, expect, it, vi } from 'vitest';
import {
  checkAddress,
  compilePolicy,
  isLoopbackHost,
  parseIp,
  resolveAndCheck,
  type ResolvedAddress,
} from '../src/index.js';

const publicMode = compilePolicy({ mode: 'public' });
const localMode = compilePolicy({ mode: 'local' });

// [address, the block that refuses it in public mode]
const REFUSED: [string, string][] = [
  ['127.0.0.1', '127.0.0.0/8'],
  ['127.255.255.254', '127.0.0.0/8'],
  ['::1', '::1/128'],
  ['0:0:0:0:0:0:0:1', '::1/128'],
  ['10.0.0.1', '10.0.0.0/8'],
  ['10.255.255.255', '10.0.0.0/8'],
  ['172.16.0.1', '172.16.0.0/12'],
  ['172.31.255.255', '172.16.0.0/12'],
  ['192.168.1.1', '192.168.0.0/16'],
  ['100.64.0.1', '100.64.0.0/10'],
  ['100.127.255.255', '100.64.0.0/10'],
  ['169.254.0.1', '169.254.0.0/16'],
  ['169.254.169.254', '169.254.169.254/32'],
  ['fe80::1', 'fe80::/10'],
  ['fe80::1%eth0', 'fe80::/10'],
  ['febf::1', 'fe80::/10'],
  ['fc00::1', 'fc00::/7'],
  ['fd12:3456::1', 'fc00::/7'],
  ['224.0.0.1', '224.0.0.0/4'],
  ['239.255.255.250', '224.0.0.0/4'],
  ['ff02::1', 'ff00::/8'],
  ['0.0.0.0', '0.0.0.0/8'],
  ['0.1.2.3', '0.0.0.0/8'],
  ['::', '::/128'],
  ['255.255.255.255', '255.255.255.255/32'],
  ['240.0.0.1', '240.0.0.0/4'],
  ['192.0.2.1', '192.0.2.0/24'],
  ['198.51.100.7', '198.51.100.0/24'],
  ['203.0.113.9', '203.0.113.0/24'],
  ['2001:db8::1', '2001:db8::/32'],
  ['198.18.0.1', '198.18.0.0/15'],
  ['::ffff:127.0.0.1', '::ffff:0:0/96'],
  ['::ffff:7f00:1', '::ffff:0:0/96'],
  ['::ffff:10.0.0.1', '::ffff:0:0/96'],
  ['::ffff:169.254.169.254', '::ffff:0:0/96'],
  ['::ffff:192.168.0.1', '::ffff:0:0/96'],
  ['64:ff9b::127.0.0.1', '64:ff9b::/96'],
  ['64:ff9b::a9fe:a9fe', '64:ff9b::/96'],
  ['2002:7f00:1::', '2002::/16'],
  ['2002:c0a8:101::1', '2002::/16'],
  ['::127.0.0.1', '::/96'],
  ['2001::1', '2001::/23'],
  ['fec0::1', 'fec0::/10'],
  ['4000::1', '2000::/3'],
];

const ALLOWED_PUBLIC = [
  '93.184.216.34',
  '8.8.8.8',
  '1.1.1.1',
  '172.32.0.1',
  '100.128.0.1',
  '2606:4700::1111',
  '::ffff:8.8.8.8',
  '64:ff9b::808:808',
  '2002:808:808::1',
];

describe('target policy, public mode, address by address', () => {
  it.each(REFUSED)('refuses %s (in %s)', (address, range) => {
    const refusal = checkAddress(publicMode, 'host.test', address);
    expect(refusal).toBeDefined();
    expect(refusal!.range).toBe(range);
    expect(refusal!.reason).toContain(address);
  });

  it.each(ALLOWED_PUBLIC)('allows public unicast %s', (address) => {
    expect(checkAddress(publicMode, 'host.test', address)).toBeUndefined();
  });

  it('names the embedded IPv4 block of a mapped address', () => {
    expect(checkAddress(publicMode, 'h', '::ffff:169.254.169.254')!.kind).toBe('metadata');
    expect(checkAddress(publicMode, 'h', '::ffff:127.0.0.1')!.kind).toBe('loopback');
  });
});

describe('target policy, local mode', () => {
  it.each([
    '127.0.0.1',
    '::1',
    '10.0.0.1',
    '192.168.1.1',
    'fd00::1',
    '8.8.8.8',
    '::ffff:127.0.0.1',
  ])('allows %s', (address) => expect(checkAddress(localMode, 'h', address)).toBeUndefined());
  it.each(['224.0.0.1', 'ff02::1', '255.255.255.255'])('refuses %s (no TCP to it)', (address) =>
    expect(checkAddress(localMode, 'h', address)).toBeDefined(),
  );
});

describe('allow and deny lists', () => {
  const policy = compilePolicy({
    mode: 'public',
    allow: ['10.9.0.0/16', 'intranet.test'],
    deny: ['8.8.4.0/24', '.blocked.test', '10.9.9.9'],
  });
  it('deny wins, allow makes exceptions', () => {
    expect(checkAddress(policy, 'h', '10.9.1.1')).toBeUndefined();
    expect(checkAddress(policy, 'intranet.test', '192.168.0.5')).toBeUndefined();
    expect(checkAddress(policy, 'h', '10.9.9.9')!.kind).toBe('deny-list');
    expect(checkAddress(policy, 'h', '8.8.4.4')!.range).toBe('8.8.4.0/24');
    expect(checkAddress(policy, 'a.blocked.test', '1.1.1.1')!.kind).toBe('deny-list');
    expect(checkAddress(policy, 'blocked.test', '1.1.1.1')!.kind).toBe('deny-list');
    expect(checkAddress(policy, 'notblocked.test', '1.1.1.1')).toBeUndefined();
  });
  it('rejects a malformed entry', () => {
    expect(() => compilePolicy({ mode: 'public', deny: ['10.0.0.0/33'] })).toThrow(/deny entry/);
  });
});

describe('resolution', () => {
  it('resolves once and picks the first allowed address, recording the refused ones', async () => {
    const resolver = vi.fn(async (): Promise<ResolvedAddress[]> => [
      { address: '10.0.0.1', family: 4 },
      { address: '93.184.216.34', family: 4 },
    ]);
    const check = await resolveAndCheck(publicMode, 'mixed.test', resolver);
    expect(resolver).toHaveBeenCalledTimes(1);
    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.address.address).toBe('93.184.216.34');
      expect(check.refused.map((r) => r.address)).toEqual(['10.0.0.1']);
    }
  });
  it('does not resolve an IP literal, and refuses an empty answer', async () => {
    const resolver = vi.fn(async (): Promise<ResolvedAddress[]> => []);
    expect((await resolveAndCheck(publicMode, '::1', resolver)).ok).toBe(false);
    expect(resolver).not.toHaveBeenCalled();
    const empty = await resolveAndCheck(publicMode, 'nothing.test', resolver);
    expect(empty.ok).toBe(false);
  });
  it('knows loopback listen addresses', () => {
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('::1')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('0.0.0.0')).toBe(false);
    expect(isLoopbackHost('::')).toBe(false);
    expect(isLoopbackHost('192.168.1.10')).toBe(false);
  });
  it('parses IPv6 forms to the same value', () => {
    expect(parseIp('::ffff:127.0.0.1')!.value).toBe(parseIp('::ffff:7f00:1')!.value);
    expect(parseIp('[::1]')!.value).toBe(1n);
    expect(parseIp('1:2:3:4:5:6:7:8')!.value).toBe(0x00010002000300040005000600070008n);
    expect(parseIp('not-an-ip')).toBeUndefined();
  });
});
