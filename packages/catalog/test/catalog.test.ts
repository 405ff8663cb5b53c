import { STATUS_CODES } from 'node:http';
import { describe, expect, it } from 'vitest';
import { catalog, describeStatus, getStatus, statusClassOf } from '../src/index.js';
import type { Citation, StatusEntry } from '../src/index.js';
import {
  annotationsMovedToDeprecated,
  heuristicallyCacheable,
  ianaProvisional,
  ianaRegistry,
  nodeReasonDifferences,
} from './iana-registry.js';

const registered = catalog.filter((e) => e.registered);
const unregistered = catalog.filter((e) => !e.registered);

/** Every piece of prose a reader sees for one entry, labelled by field. */
function proseOf(entry: StatusEntry): [field: string, text: string][] {
  return [
    ['summary', entry.summary],
    ['meaning', entry.meaning],
    ['guarantees', entry.guarantees],
    ['doesNotGuarantee', entry.doesNotGuarantee],
    ['whenToUse', entry.whenToUse],
    ...entry.misuses.map((m, i): [string, string] => [`misuses[${i}]`, m]),
    ...Object.entries(entry.clients).map(([k, v]): [string, string] => [`clients.${k}`, v]),
    ...(entry.deprecated === undefined
      ? []
      : [['deprecated', entry.deprecated] as [string, string]]),
    ...(entry.reserved === undefined ? [] : [['reserved', entry.reserved] as [string, string]]),
  ];
}

function citationsOf(entry: StatusEntry): Citation[] {
  return [entry.defined, ...entry.seeAlso];
}

describe('registry coverage', () => {
  it('lists each code once, in order', () => {
    const codes = catalog.map((e) => e.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual([...codes].sort((a, b) => a - b));
  });

  it('marks as registered exactly the codes in the IANA registry', () => {
    const expected = Object.keys(ianaRegistry).map(Number);
    const actual = registered.map((e) => e.code).filter((c) => !(c in ianaProvisional));
    expect(actual).toEqual(expected);
    for (const code of Object.keys(ianaProvisional).map(Number)) {
      // A provisional code may be listed, but only as registered.
      expect(getStatus(code)?.registered ?? true).toBe(true);
    }
  });

  it('uses the IANA description as the reason phrase', () => {
    for (const entry of registered) {
      const iana = ianaRegistry[entry.code] ?? ianaProvisional[entry.code];
      const expected = annotationsMovedToDeprecated[entry.code] ?? iana;
      expect(entry.reason, `reason of ${entry.code}`).toBe(expected);
    }
    for (const code of Object.keys(annotationsMovedToDeprecated).map(Number)) {
      expect(getStatus(code)?.deprecated, `${code} carries its IANA annotation`).toBeTruthy();
    }
  });

  it("agrees with Node's http.STATUS_CODES except for the listed differences", () => {
    const mismatches: Record<number, { node: string; why: string }> = {};
    for (const entry of catalog) {
      const node = STATUS_CODES[entry.code];
      if (node !== undefined && node !== entry.reason) {
        mismatches[entry.code] = { node, why: nodeReasonDifferences[entry.code]?.why ?? '?' };
      }
    }
    expect(mismatches).toEqual(nodeReasonDifferences);
  });

  it('describes 418 as reserved (not deprecated) and 510 as obsoleted', () => {
    expect(getStatus(418)?.reason).toBe('(Unused)');
    expect(getStatus(418)?.reserved).toMatch(/15\.5\.19/);
    expect(getStatus(418)?.deprecated).toBeUndefined();
    expect(getStatus(510)?.deprecated).toMatch(/Historic/);
  });

  it('marks exactly 306 and 418 reserved, and none both reserved and deprecated', () => {
    // RFC 9110 §15.4.7 and §15.5.19 are the only codes it calls reserved / "(Unused)".
    expect(catalog.filter((e) => e.reserved !== undefined).map((e) => e.code)).toEqual([306, 418]);
    for (const entry of catalog) {
      expect(entry.reserved !== undefined && entry.deprecated !== undefined, `${entry.code}`).toBe(
        false,
      );
    }
  });
});

describe('data fields', () => {
  it('has a class matching the first digit (RFC 9110 §15); only 999 is out of range', () => {
    const outOfRange = catalog.filter((e) => statusClassOf(e.code) === undefined);
    expect(outOfRange.map((e) => e.code)).toEqual([999]);
    for (const entry of catalog) {
      if (entry.code === 999) continue;
      expect(entry.class, `class of ${entry.code}`).toBe(statusClassOf(entry.code));
    }
    // RFC 9110 §15: a client SHOULD process an invalid status code as a 5xx (Server Error).
    expect(getStatus(999)?.class).toBe('server-error');
  });

  it('forbids content exactly for 1xx, 204, 205 and 304', () => {
    const noContent = catalog.filter((e) => !e.contentAllowed).map((e) => e.code);
    const expected = catalog
      .map((e) => e.code)
      .filter((c) => (c >= 100 && c < 200) || c === 204 || c === 205 || c === 304);
    expect(noContent).toEqual(expected);
  });

  it('marks as heuristically cacheable exactly the RFC 9110 §15.1 list plus 451', () => {
    const actual = catalog.filter((e) => e.heuristicallyCacheable).map((e) => e.code);
    expect(actual).toEqual([...heuristicallyCacheable].sort((a, b) => a - b));
  });

  it('names who uses each unregistered code, and only those', () => {
    for (const entry of unregistered) expect(entry.usedBy?.trim(), `${entry.code}`).toBeTruthy();
    for (const entry of registered) expect(entry.usedBy, `${entry.code}`).toBeUndefined();
  });

  it('gives the simulator a default for the headers it must send', () => {
    const defaults = (code: number) =>
      Object.fromEntries(
        (getStatus(code)?.headers ?? [])
          .filter((h) => h.simulatorDefault !== undefined)
          .map((h) => [h.name, h.simulatorDefault]),
      );
    expect(defaults(401)['WWW-Authenticate']).toMatch(/^Bearer realm="/);
    expect(defaults(405)['Allow']).toMatch(/\bGET\b/);
    expect(defaults(407)['Proxy-Authenticate']).toBeTruthy();
    expect(defaults(416)['Content-Range']).toMatch(/^bytes \*\//);
    expect(defaults(429)['Retry-After']).toMatch(/^\d+$/);
    expect(defaults(503)['Retry-After']).toMatch(/^\d+$/);
    // Headers whose value depends on the exchange (206 Content-Range, 101 Sec-WebSocket-Accept)
    // have no default; every header still says which section asks for it.
    for (const entry of catalog) {
      for (const header of entry.headers) {
        expect(header.why, `${entry.code} ${header.name} cites a section`).toMatch(/§/);
      }
    }
  });

  it("cites in a header's why only its own code's RFC 9110 §15 section (e.g. 405 Allow: §15.5.6)", () => {
    // A status-code section of RFC 9110 quoted for a header must be the one defining this code
    // (or one of its subsections, e.g. 206's §15.3.7.1): §15.5.2 for Allow would be 401's.
    for (const entry of catalog) {
      for (const header of entry.headers) {
        for (const [, section] of header.why.matchAll(/RFC 9110 §(15\.\d+\.\d+(?:\.\d+)*)/g)) {
          const own = entry.defined.document === 'RFC 9110' ? entry.defined.section : '(none)';
          expect(
            section === own || section?.startsWith(`${own}.`),
            `${entry.code} ${header.name} cites RFC 9110 §${section}, not §${own}`,
          ).toBe(true);
        }
      }
    }
  });

  it('describes a code without an entry by the x00 of its class (RFC 9110 §15)', () => {
    expect(describeStatus(432).entry).toBeUndefined();
    expect(describeStatus(432).classEntry?.code).toBe(400);
    expect(describeStatus(599).entry?.code).toBe(599);
    expect(describeStatus(599).classEntry?.code).toBe(500);
  });
});

describe('citations', () => {
  it('link each RFC section on rfc-editor.org, and other documents over https', () => {
    for (const entry of catalog) {
      for (const c of citationsOf(entry)) {
        expect(c.section, `${entry.code} ${c.document}`).not.toBe('');
        const rfc = /^RFC (\d+)$/.exec(c.document);
        if (rfc) {
          expect(c.section).toMatch(/^[0-9A-Z]+(\.\d+)*$/);
          expect(c.url).toBe(`https://www.rfc-editor.org/rfc/rfc${rfc[1]}#section-${c.section}`);
        } else {
          expect(c.url, `${entry.code} ${c.document}`).toMatch(/^https:\/\/[^\s]+$/);
        }
      }
    }
  });

  it('never cites the obsoleted RFC 2616 or RFC 7230-7235', () => {
    const obsolete = /^RFC (2616|723[0-5])$/;
    for (const entry of catalog) {
      for (const c of citationsOf(entry)) expect(c.document, `${entry.code}`).not.toMatch(obsolete);
      for (const [field, text] of proseOf(entry)) {
        if (/RFC ?(2616|723[0-5])\b/.test(text)) {
          expect(text, `${entry.code} ${field} names an obsolete RFC as current`).toMatch(
            /obsolete/i,
          );
        }
      }
    }
  });

  it('cites RFC 9110 for every code RFC 9110 defines', () => {
    for (const entry of registered) {
      if (entry.defined.document === 'RFC 9110') {
        expect(entry.defined.section, `${entry.code}`).toMatch(/^15\.\d\.\d+$/);
        expect(Number(entry.defined.section.split('.')[1])).toBe(Math.floor(entry.code / 100) + 1);
      }
    }
  });
});

describe('prose', () => {
  it('is complete for every entry', () => {
    for (const entry of catalog) {
      for (const [field, text] of proseOf(entry)) {
        expect(text.trim(), `${entry.code} ${field}`).not.toBe('');
      }
      expect(entry.misuses.length, `${entry.code} misuses`).toBeGreaterThan(0);
    }
  });

  it('relates each entry to other codes the catalog has', () => {
    for (const entry of catalog) {
      expect(entry.related.length, `${entry.code} related`).toBeGreaterThan(0);
      for (const code of entry.related) {
        expect(code, `${entry.code} relates to itself`).not.toBe(entry.code);
        expect(getStatus(code), `${entry.code} relates to unknown ${code}`).toBeDefined();
      }
    }
  });

  it('never calls a 1xx response a success (RFC 9110 §15.2: informational)', () => {
    for (const entry of catalog.filter((e) => e.class === 'informational')) {
      for (const [field, text] of proseOf(entry)) {
        expect(text, `${entry.code} ${field}`).not.toMatch(/\bsuccess(ful)?\b/i);
      }
    }
  });

  it('repeats no text verbatim across two codes', () => {
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const entry of catalog) {
      for (const [field, text] of proseOf(entry)) {
        const key = text.trim().toLowerCase();
        if (key === '') continue;
        const first = seen.get(key);
        if (first !== undefined && !first.startsWith(`${entry.code} `)) {
          duplicates.push(`${first} = ${entry.code} ${field}: "${text.slice(0, 60)}"`);
        } else if (first === undefined) {
          seen.set(key, `${entry.code} ${field}`);
        }
      }
    }
    expect(duplicates).toEqual([]);
  });
});
