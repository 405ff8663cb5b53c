/**
 * Target policy (SSRF guard, issue 7). A probe resolves the target's name ONCE, checks every
 * address, and connects to the checked address itself (never to the name again), so a DNS
 * answer that changes between check and connect (rebinding) cannot redirect it.
 *
 * - `local` mode (a server listening on loopback only: only its own user can reach it):
 *   loopback, private and public unicast are allowed; multicast and broadcast are refused (TCP
 *   cannot connect to them).
 * - `public` mode: only public unicast; every special-purpose block in `special-ranges.ts` is
 *   refused, including IPv4 addresses embedded in IPv4-mapped, NAT64 and 6to4 IPv6 forms.
 * - `deny` entries (CIDRs or host names) always refuse; `allow` entries admit a target the mode
 *   would refuse (an exception list). Deny wins over allow.
 */
import { lookup } from 'node:dns/promises';
import type { Cidr, IpAddress } from './ip-address.js';
import { cidrContains, formatV4, parseCidr, parseIp } from './ip-address.js';
import type { RangeKind, SpecialRange } from './special-ranges.js';
import { IPV4_SPECIAL, IPV6_GLOBAL_UNICAST, IPV6_SPECIAL } from './special-ranges.js';

export type PolicyMode = 'local' | 'public';

/** A policy as configured. */
export interface TargetPolicy {
  mode: PolicyMode;
  /** CIDRs (`10.1.2.0/24`) or host names (`intranet.example`, `.example.com` for subdomains). */
  allow?: readonly string[];
  deny?: readonly string[];
}

/** One resolved address. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to its addresses (injectable: tests never touch real DNS). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The default resolver: the system's getaddrinfo (so /etc/hosts and `localhost` work). */
export const systemResolver: Resolver = async (hostname) => {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Why an address is refused. */
export interface Refusal {
  /** The address checked (or the host name, for a host deny entry). */
  address: string;
  /** A sentence for the user. */
  reason: string;
  /** The block that matched, e.g. `169.254.169.254/32`, or the deny-list entry. */
  range: string;
  /** The kind of block (`loopback`, `private`, ...), or `deny-list`. */
  kind: RangeKind | 'deny-list' | 'not-an-address';
}

/** A policy with its lists parsed once. */
export interface CompiledPolicy {
  mode: PolicyMode;
  allowCidrs: Cidr[];
  allowHosts: string[];
  denyCidrs: Cidr[];
  denyHosts: string[];
}

/** Parses allow/deny entries; throws on an entry that is neither a CIDR nor a host name. */
export function compilePolicy(policy: TargetPolicy): CompiledPolicy {
  const split = (entries: readonly string[] | undefined, list: string) => {
    const cidrs: Cidr[] = [];
    const hosts: string[] = [];
    for (const raw of entries ?? []) {
      const entry = raw.trim().toLowerCase();
      if (entry === '') continue;
      const cidr = parseCidr(entry);
      if (cidr !== undefined) cidrs.push(cidr);
      else if (/^\.?[a-z0-9-]+(\.[a-z0-9-]+)*\.?$/.test(entry)) hosts.push(entry);
      else throw new Error(`${list} entry ${JSON.stringify(raw)} is neither a CIDR nor a host`);
    }
    return { cidrs, hosts };
  };
  const allow = split(policy.allow, 'allow');
  const deny = split(policy.deny, 'deny');
  return {
    mode: policy.mode,
    allowCidrs: allow.cidrs,
    allowHosts: allow.hosts,
    denyCidrs: deny.cidrs,
    denyHosts: deny.hosts,
  };
}

function hostMatches(entries: readonly string[], hostname: string): string | undefined {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return entries.find((e) => {
    const entry = e.replace(/\.$/, '');
    return entry.startsWith('.') ? host.endsWith(entry) || host === entry.slice(1) : host === entry;
  });
}

/** The special-purpose block `ip` is in (checking an embedded IPv4 address too), if any. */
export function specialRangeOf(ip: IpAddress): SpecialRange | undefined {
  if (ip.family === 4) return IPV4_SPECIAL.find((r) => cidrContains(r.cidr, ip));
  for (const range of IPV6_SPECIAL) {
    if (!cidrContains(range.cidr, ip)) continue;
    if (range.embedsV4At === undefined) return range;
    // The IPv6 form reaches (or names) an IPv4 host: judge that host, but keep the v6 block's
    // name in the refusal so the user sees which form hid it.
    const v4 = (ip.value >> BigInt(128 - range.embedsV4At - 32)) & 0xffffffffn;
    const inner = IPV4_SPECIAL.find((r) => cidrContains(r.cidr, { family: 4, value: v4 }));
    // A public IPv4 host behind a mapped, NAT64 or 6to4 form is a public target.
    if (inner === undefined) return undefined;
    return {
      ...inner,
      name: `${inner.name} as ${range.name}, embedding ${formatV4(v4)}`,
      cidr: range.cidr,
    };
  }
  if (!cidrContains(IPV6_GLOBAL_UNICAST.cidr, ip)) {
    return { ...IPV6_GLOBAL_UNICAST, name: 'outside global unicast 2000::/3 (RFC 4291 §2.4)' };
  }
  return undefined;
}

/**
 * Checks one resolved address for `hostname`; returns undefined when it may be connected to,
 * or the refusal (reason and range).
 */
export function checkAddress(
  policy: CompiledPolicy,
  hostname: string,
  address: string,
): Refusal | undefined {
  const ip = parseIp(address);
  if (ip === undefined) {
    return {
      address,
      reason: `${address} is not an IP address`,
      range: '',
      kind: 'not-an-address',
    };
  }
  const deniedHost = hostMatches(policy.denyHosts, hostname);
  if (deniedHost !== undefined) {
    return {
      address,
      reason: `host ${hostname} is on the deny list (${deniedHost})`,
      range: deniedHost,
      kind: 'deny-list',
    };
  }
  const deniedCidr = policy.denyCidrs.find((c) => cidrContains(c, ip));
  if (deniedCidr !== undefined) {
    return {
      address,
      reason: `${address} is in ${deniedCidr.text}, on the deny list`,
      range: deniedCidr.text,
      kind: 'deny-list',
    };
  }
  if (hostMatches(policy.allowHosts, hostname) !== undefined) return undefined;
  if (policy.allowCidrs.some((c) => cidrContains(c, ip))) return undefined;
  const special = specialRangeOf(ip);
  if (special === undefined) return undefined;
  // TCP has no multicast or broadcast (RFC 9293 connects two unicast endpoints): refused in
  // every mode. In local mode everything else is allowed.
  const alwaysRefused = special.kind === 'multicast' || special.kind === 'broadcast';
  if (policy.mode === 'local' && !alwaysRefused) return undefined;
  const text = `${address} is in ${special.cidr.text}, ${special.name}`;
  return {
    address,
    reason:
      policy.mode === 'public'
        ? `${text}; this server probes public unicast addresses only`
        : `${text}; TCP cannot connect to it`,
    range: special.cidr.text,
    kind: special.kind,
  };
}

/** Outcome of resolving and checking a target host. */
export type TargetCheck =
  | {
      ok: true;
      /** The checked address to connect to (the first allowed one, in resolver order). */
      address: ResolvedAddress;
      /** Every allowed address in resolver order (fallbacks when a connect fails). */
      allowed: ResolvedAddress[];
      /** Every address the resolver returned. */
      resolved: ResolvedAddress[];
      /** Refusals of the other addresses, if any. */
      refused: Refusal[];
    }
  | { ok: false; resolved: ResolvedAddress[]; refusals: Refusal[] };

/**
 * Resolves `hostname` once (an IP literal is not resolved) and checks every address. The caller
 * connects to `address` (or, if that connect fails, to the next of `allowed`), never to
 * `hostname`.
 */
export async function resolveAndCheck(
  policy: CompiledPolicy,
  hostname: string,
  resolver: Resolver,
): Promise<TargetCheck> {
  const literal = parseIp(hostname);
  const resolved: ResolvedAddress[] =
    literal !== undefined
      ? [{ address: hostname.replace(/^\[|\]$/g, ''), family: literal.family }]
      : await resolver(hostname);
  const refusals: Refusal[] = [];
  const allowed: ResolvedAddress[] = [];
  for (const candidate of resolved) {
    const refusal = checkAddress(policy, hostname, candidate.address);
    if (refusal === undefined) allowed.push(candidate);
    else refusals.push(refusal);
  }
  if (allowed.length > 0) {
    return { ok: true, address: allowed[0]!, allowed, resolved, refused: refusals };
  }
  if (resolved.length === 0) {
    refusals.push({
      address: hostname,
      reason: `${hostname} did not resolve to any address`,
      range: '',
      kind: 'not-an-address',
    });
  }
  return { ok: false, resolved, refusals };
}

/** True when `host` (a listen address) is loopback only: then the default mode is `local`. */
export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  const ip = parseIp(host);
  if (ip === undefined) return false;
  return specialRangeOf(ip)?.kind === 'loopback';
}
