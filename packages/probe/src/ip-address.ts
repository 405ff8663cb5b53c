/**
 * IP address and CIDR parsing for the target policy. Addresses become bigints (32 bits for IPv4,
 * 128 bits for IPv6) so range checks are one comparison, whatever the textual form was
 * (`::ffff:127.0.0.1`, `0:0:0:0:0:0:0:1`, `fe80::1%eth0`).
 */
import { isIPv4, isIPv6 } from 'node:net';

/** A parsed address. */
export interface IpAddress {
  family: 4 | 6;
  /** The address as an unsigned integer of 32 (IPv4) or 128 (IPv6) bits. */
  value: bigint;
  /** IPv6 zone id (`%eth0`) when one was given. */
  zone?: string;
}

/** A parsed CIDR block (`10.0.0.0/8`, `fc00::/7`). */
export interface Cidr {
  family: 4 | 6;
  /** Network address with host bits cleared. */
  base: bigint;
  prefix: number;
  /** The text it was parsed from. */
  text: string;
}

function parseV4(text: string): bigint | undefined {
  if (!isIPv4(text)) return undefined;
  let value = 0n;
  for (const part of text.split('.')) value = (value << 8n) | BigInt(Number(part));
  return value;
}

function parseV6(text: string): bigint | undefined {
  if (!isIPv6(text)) return undefined;
  let body = text;
  let tail: bigint[] = [];
  // An embedded dotted quad takes the last 32 bits (RFC 4291 §2.2 form 3).
  const lastColon = body.lastIndexOf(':');
  const last = body.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseV4(last);
    if (v4 === undefined) return undefined;
    tail = [v4 >> 16n, v4 & 0xffffn];
    body = body.slice(0, lastColon + 1);
    if (body.endsWith(':') && !body.endsWith('::')) body = body.slice(0, -1);
  }
  const groupsNeeded = 8 - tail.length;
  const [headText, restText] = body.split('::') as [string, string | undefined];
  const head = headText === '' ? [] : headText.split(':');
  const rest = restText === undefined || restText === '' ? [] : restText.split(':');
  const missing = groupsNeeded - head.length - rest.length;
  if (restText === undefined && missing !== 0) return undefined;
  const groups = [
    ...head.map((g) => BigInt(parseInt(g, 16))),
    ...Array.from({ length: restText === undefined ? 0 : missing }, () => 0n),
    ...rest.map((g) => BigInt(parseInt(g, 16))),
    ...tail,
  ];
  if (groups.length !== 8) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Parses an IPv4 or IPv6 literal (brackets and an IPv6 zone id are accepted); else undefined. */
export function parseIp(text: string): IpAddress | undefined {
  let t = text.trim();
  if (t.startsWith('[') && t.endsWith(']')) t = t.slice(1, -1);
  const v4 = parseV4(t);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const percent = t.indexOf('%');
  const zone = percent >= 0 ? t.slice(percent + 1) : undefined;
  const bare = percent >= 0 ? t.slice(0, percent) : t;
  const v6 = parseV6(bare);
  if (v6 === undefined) return undefined;
  return zone === undefined ? { family: 6, value: v6 } : { family: 6, value: v6, zone };
}

/** Parses `address/prefix` (a bare address is a /32 or /128); undefined when malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const ip = parseIp(slash >= 0 ? text.slice(0, slash) : text);
  if (ip === undefined || ip.zone !== undefined) return undefined;
  const bits = ip.family === 4 ? 32 : 128;
  const prefixText = slash >= 0 ? text.slice(slash + 1) : String(bits);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > bits) return undefined;
  const shift = BigInt(bits - prefix);
  return { family: ip.family, base: (ip.value >> shift) << shift, prefix, text };
}

/** True when `ip` lies in `cidr` (families must match). */
export function cidrContains(cidr: Cidr, ip: IpAddress): boolean {
  if (cidr.family !== ip.family) return false;
  const shift = BigInt((ip.family === 4 ? 32 : 128) - cidr.prefix);
  return ip.value >> shift === cidr.base >> shift;
}

/** Formats a 32-bit value as a dotted quad. */
export function formatV4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
}
