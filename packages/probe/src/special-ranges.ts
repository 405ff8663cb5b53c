/**
 * Special-purpose address blocks a probe in `public` mode must not reach (the IANA IPv4 and
 * IPv6 Special-Purpose Address Registries, RFC 6890, plus the blocks named in issue 7). Order
 * matters: the first matching block names the refusal, so narrower blocks come first.
 */
import type { Cidr } from './ip-address.js';
import { parseCidr } from './ip-address.js';

/** What kind of block an address is in. */
export type RangeKind =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'cgnat'
  | 'link-local'
  | 'metadata'
  | 'unique-local'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'benchmarking'
  | 'reserved'
  | 'ipv4-mapped'
  | 'translation';

/** One special-purpose block. */
export interface SpecialRange {
  cidr: Cidr;
  kind: RangeKind;
  /** Human name with the defining RFC, shown in refusals. */
  name: string;
  /**
   * For IPv6 blocks that embed an IPv4 address (IPv4-mapped, NAT64, 6to4): where its 32 bits
   * start (bit index from the most significant bit). The embedded address is checked too.
   */
  embedsV4At?: number;
}

function block(text: string, kind: RangeKind, name: string, embedsV4At?: number): SpecialRange {
  const cidr = parseCidr(text);
  if (cidr === undefined) throw new Error(`bad CIDR in the special-range table: ${text}`);
  return embedsV4At === undefined ? { cidr, kind, name } : { cidr, kind, name, embedsV4At };
}

/** IPv4 special-purpose blocks (RFC 6890 §2.2.2 and the IANA registry). */
export const IPV4_SPECIAL: readonly SpecialRange[] = [
  block('0.0.0.0/8', 'unspecified', '"this network" (RFC 791, RFC 1122 §3.2.1.3)'),
  block('10.0.0.0/8', 'private', 'private-use (RFC 1918)'),
  block('100.64.0.0/10', 'cgnat', 'shared address space / CGNAT (RFC 6598)'),
  block('127.0.0.0/8', 'loopback', 'loopback (RFC 1122 §3.2.1.3)'),
  block('169.254.169.254/32', 'metadata', 'cloud instance metadata (link-local, RFC 3927)'),
  block('169.254.0.0/16', 'link-local', 'link-local (RFC 3927)'),
  block('172.16.0.0/12', 'private', 'private-use (RFC 1918)'),
  block('192.0.0.0/24', 'reserved', 'IETF protocol assignments (RFC 6890)'),
  block('192.0.2.0/24', 'documentation', 'TEST-NET-1 documentation (RFC 5737)'),
  block('192.88.99.0/24', 'reserved', '6to4 relay anycast, deprecated (RFC 7526)'),
  block('192.168.0.0/16', 'private', 'private-use (RFC 1918)'),
  block('198.18.0.0/15', 'benchmarking', 'benchmarking (RFC 2544)'),
  block('198.51.100.0/24', 'documentation', 'TEST-NET-2 documentation (RFC 5737)'),
  block('203.0.113.0/24', 'documentation', 'TEST-NET-3 documentation (RFC 5737)'),
  block('224.0.0.0/4', 'multicast', 'multicast (RFC 5771)'),
  block('255.255.255.255/32', 'broadcast', 'limited broadcast (RFC 919, RFC 8190)'),
  block('240.0.0.0/4', 'reserved', 'reserved for future use (RFC 1112 §4)'),
];

/** IPv6 special-purpose blocks (RFC 6890 §2.2.3 and the IANA registry). */
export const IPV6_SPECIAL: readonly SpecialRange[] = [
  block('::/128', 'unspecified', 'unspecified address (RFC 4291 §2.5.2)'),
  block('::1/128', 'loopback', 'loopback (RFC 4291 §2.5.3)'),
  block('::ffff:0:0/96', 'ipv4-mapped', 'IPv4-mapped (RFC 4291 §2.5.5.2)', 96),
  block('::/96', 'reserved', 'IPv4-compatible, deprecated (RFC 4291 §2.5.5.1)'),
  block('64:ff9b::/96', 'translation', 'NAT64 well-known prefix (RFC 6052 §2.1)', 96),
  block('64:ff9b:1::/48', 'translation', 'local-use NAT64 (RFC 8215)'),
  block('100::/64', 'reserved', 'discard-only (RFC 6666)'),
  block('2001:db8::/32', 'documentation', 'documentation (RFC 3849)'),
  block('2001::/23', 'reserved', 'IETF protocol assignments incl. Teredo (RFC 2928, RFC 4380)'),
  block('2002::/16', 'translation', '6to4 (RFC 3056)', 16),
  block('3fff::/20', 'documentation', 'documentation (RFC 9637)'),
  block('5f00::/16', 'reserved', 'SRv6 SIDs (RFC 9602)'),
  block('fc00::/7', 'unique-local', 'unique local (RFC 4193)'),
  block('fe80::/10', 'link-local', 'link-local (RFC 4291 §2.5.6)'),
  block('fec0::/10', 'reserved', 'site-local, deprecated (RFC 3879)'),
  block('ff00::/8', 'multicast', 'multicast (RFC 4291 §2.7)'),
];

/** RFC 4291 §2.4: global unicast is everything outside the special blocks; IANA allocates it from 2000::/3. */
export const IPV6_GLOBAL_UNICAST = block('2000::/3', 'reserved', 'global unicast (RFC 4291)');
