import { describe, expect, it } from 'vitest';
import { getStatus } from '../src/index.js';
import type { StatusEntry } from '../src/index.js';

/**
 * Where each code is defined, looked up in the documents themselves (RFC 9110's table of
 * contents for §15.2-§15.5, the IANA registry for the codes other RFCs define). The catalog
 * must agree with this table; it is written out by hand, not derived from the catalog.
 */
const definedIn: [code: number, reason: string, document: string, section: string][] = [
  [100, 'Continue', 'RFC 9110', '15.2.1'],
  [101, 'Switching Protocols', 'RFC 9110', '15.2.2'],
  [102, 'Processing', 'RFC 2518', '10.1'],
  [103, 'Early Hints', 'RFC 8297', '2'],
  [200, 'OK', 'RFC 9110', '15.3.1'],
  [201, 'Created', 'RFC 9110', '15.3.2'],
  [202, 'Accepted', 'RFC 9110', '15.3.3'],
  [203, 'Non-Authoritative Information', 'RFC 9110', '15.3.4'],
  [204, 'No Content', 'RFC 9110', '15.3.5'],
  [205, 'Reset Content', 'RFC 9110', '15.3.6'],
  [206, 'Partial Content', 'RFC 9110', '15.3.7'],
  [207, 'Multi-Status', 'RFC 4918', '11.1'],
  [208, 'Already Reported', 'RFC 5842', '7.1'],
  [226, 'IM Used', 'RFC 3229', '10.4.1'],
  [300, 'Multiple Choices', 'RFC 9110', '15.4.1'],
  [301, 'Moved Permanently', 'RFC 9110', '15.4.2'],
  [302, 'Found', 'RFC 9110', '15.4.3'],
  [303, 'See Other', 'RFC 9110', '15.4.4'],
  [304, 'Not Modified', 'RFC 9110', '15.4.5'],
  [305, 'Use Proxy', 'RFC 9110', '15.4.6'],
  [306, '(Unused)', 'RFC 9110', '15.4.7'],
  [307, 'Temporary Redirect', 'RFC 9110', '15.4.8'],
  [308, 'Permanent Redirect', 'RFC 9110', '15.4.9'],
  [426, 'Upgrade Required', 'RFC 9110', '15.5.22'],
];

/** RFC 9110 §15.1: the codes it defines as heuristically cacheable, restricted to this file's range. */
const heuristicallyCacheableHere = [200, 203, 204, 206, 300, 301, 308];

function entry(code: number): StatusEntry {
  const found = getStatus(code);
  if (found === undefined) throw new Error(`no catalog entry for ${code}`);
  return found;
}

/** Every string reachable from a value (entry, guide, header list), for wording checks. */
function allStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(allStrings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(allStrings);
  return [];
}

/** Everything a reader sees as prose (not the code snippets of the guides). */
function proseOf(e: StatusEntry): string[] {
  return [
    e.summary,
    e.meaning,
    e.guarantees,
    e.doesNotGuarantee,
    e.whenToUse,
    ...e.misuses,
    ...Object.values(e.clients),
    ...(e.deprecated === undefined ? [] : [e.deprecated]),
    ...(e.reserved === undefined ? [] : [e.reserved]),
  ];
}

describe.each(definedIn)('%i %s', (code, reason, document, section) => {
  it(`is defined in ${document} §${section}`, () => {
    const e = entry(code);
    expect(e.reason).toBe(reason);
    expect(e.registered).toBe(true);
    expect(e.defined).toEqual({
      document,
      section,
      url: `https://www.rfc-editor.org/rfc/rfc${document.slice(4)}#section-${section}`,
    });
  });

  it('has the class of its first digit', () => {
    const classes = ['informational', 'successful', 'redirection', 'client-error'];
    expect(entry(code).class).toBe(classes[Math.floor(code / 100) - 1]);
  });

  it('allows content unless RFC 9110 forbids it (1xx §15.2, 204 §15.3.5, 205 §15.3.6, 304 §15.4.5)', () => {
    const forbidden = code < 200 || code === 204 || code === 205 || code === 304;
    expect(entry(code).contentAllowed).toBe(!forbidden);
  });

  it('is heuristically cacheable only if RFC 9110 §15.1 says so', () => {
    expect(entry(code).heuristicallyCacheable).toBe(heuristicallyCacheableHere.includes(code));
  });

  it('has prose in every field, specific enough to be useful', () => {
    const e = entry(code);
    for (const text of [e.summary, e.meaning, e.guarantees, e.doesNotGuarantee, e.whenToUse]) {
      expect(text.trim().length).toBeGreaterThan(40);
    }
    expect(e.misuses.length).toBeGreaterThanOrEqual(1);
    for (const text of Object.values(e.clients)) expect(text.trim().length).toBeGreaterThan(10);
    expect(e.related.length).toBeGreaterThan(0);
    expect(e.related).not.toContain(code);
  });

  it('cites a section in every header requirement', () => {
    for (const h of entry(code).headers) expect(h.why, h.name).toMatch(/§\d/);
  });
});

describe('informational wording (RFC 9110 §15.2)', () => {
  it('never says "success" anywhere in a 1xx entry, its headers or its upgrade guide', () => {
    for (const code of [100, 101, 102, 103]) {
      for (const text of allStrings(entry(code))) {
        expect(text, `${code}`).not.toMatch(/success/i);
      }
    }
  });

  it('says what 1xx is: interim, with a final response still to come', () => {
    for (const code of [100, 101, 102, 103]) {
      expect(entry(code).summary, `${code}`).toMatch(/^Interim/);
    }
  });
});

describe('101 Switching Protocols', () => {
  const e = entry(101);
  const cited = [e.defined, ...e.seeAlso].map((c) => `${c.document} §${c.section}`);

  it('cites RFC 9110 §15.2.2 as its definition and §7.8 (Upgrade) beside it', () => {
    expect(cited[0]).toBe('RFC 9110 §15.2.2');
    expect(cited).toContain('RFC 9110 §7.8');
  });

  it('describes h2c via Upgrade as deprecated by RFC 9113 §3.1, and no 101 in HTTP/2 (§8.6)', () => {
    expect(cited).toContain('RFC 9113 §3.1');
    expect(cited).toContain('RFC 9113 §8.6');
    expect(e.meaning).toMatch(/RFC 9113 §3\.1 deprecates/);
    expect(e.meaning).toContain('was never widely deployed');
    expect(e.meaning).toMatch(/RFC 9113 §8\.6/);
    expect(e.meaning).toMatch(/extended CONNECT[^.]*2xx[^.]*RFC 8441/);
  });

  it('states the server-side MUSTs of RFC 9110 §7.8 and §15.2', () => {
    const text = proseOf(e).join('\n');
    expect(text).toMatch(/MUST ignore Upgrade in an HTTP\/1\.0 request/);
    expect(text).toMatch(/100[^.]*before the 101/);
    expect(text).toMatch(/did not offer/);
    expect(text).toMatch(/HTTP\/1\.0[^.]*§15\.2/);
  });

  it('requires Upgrade and Connection, with simulator defaults, and expects Sec-WebSocket-Accept', () => {
    const byName = new Map(e.headers.map((h) => [h.name, h]));
    expect(byName.get('Upgrade')).toMatchObject({
      level: 'required',
      simulatorDefault: 'websocket',
    });
    expect(byName.get('Upgrade')?.why).toMatch(/RFC 9110 §15\.2\.2/);
    expect(byName.get('Connection')).toMatchObject({ level: 'required' });
    expect(byName.get('Connection')?.simulatorDefault).toMatch(/^upgrade$/i);
    // The Accept value depends on the request key: no fixed default is possible.
    expect(byName.get('Sec-WebSocket-Accept')?.simulatorDefault).toBeUndefined();
  });

  it('carries the upgrade guide, and is not itself marked deprecated (only h2c is)', () => {
    expect(e.upgrade).toBeDefined();
    expect(e.deprecated).toBeUndefined();
  });
});

describe('426 Upgrade Required', () => {
  const e = entry(426);

  it('must carry Upgrade (RFC 9110 §15.5.22) and Connection: upgrade (§7.8)', () => {
    const upgrade = e.headers.find((h) => h.name === 'Upgrade');
    expect(upgrade).toMatchObject({ level: 'required', simulatorDefault: 'websocket' });
    expect(upgrade?.why).toMatch(/RFC 9110 §15\.5\.22/);
    expect(e.headers.find((h) => h.name === 'Connection')?.level).toBe('required');
    expect(e.seeAlso.map((c) => `${c.document} §${c.section}`)).toContain('RFC 9110 §7.8');
  });

  it('has an upgrade guide', () => {
    expect(e.upgrade).toBeDefined();
  });
});

describe('redirects and other header defaults for the simulator', () => {
  it.each([301, 302, 303, 307, 308])(
    '%i sends Location {origin}/api/status/200 by default',
    (code) => {
      const location = entry(code).headers.find((h) => h.name === 'Location');
      expect(location?.simulatorDefault).toBe('{origin}/api/status/200');
      expect(location?.why).toContain(`RFC 9110 §${entry(code).defined.section}`);
    },
  );

  it('201 points Location at the created resource', () => {
    const location = entry(201).headers.find((h) => h.name === 'Location');
    expect(location?.simulatorDefault).toBe('{origin}/api/status/200');
  });

  it('206 requires Content-Range but leaves its value to the simulator (it depends on the body)', () => {
    const range = entry(206).headers.find((h) => h.name === 'Content-Range');
    expect(range?.level).toBe('required');
    expect(range?.simulatorDefault).toBeUndefined();
  });

  it('304 sends an ETag so a cache can match it', () => {
    expect(entry(304).headers.find((h) => h.name === 'ETag')?.simulatorDefault).toMatch(
      /^"[^"]+"$/,
    );
  });

  it('describes which redirects keep the method and which may turn POST into GET', () => {
    for (const code of [301, 302])
      expect(entry(code).clients.browsers).toMatch(/POST becomes a GET/);
    expect(entry(303).clients.browsers).toMatch(/with GET/);
    for (const code of [307, 308]) expect(entry(code).clients.browsers).toMatch(/same method/);
  });

  it('notes that browsers do not follow 300 or 305 (not Fetch redirect statuses)', () => {
    expect(entry(300).clients.browsers).toMatch(/^Not followed/);
    expect(entry(305).clients.browsers).toMatch(/^Not followed/);
  });
});

describe('deprecated and reserved codes', () => {
  it('marks 102 and 305 deprecated and 306 reserved, each with a citation', () => {
    expect(entry(102).deprecated).toMatch(/RFC 4918/);
    expect(entry(305).deprecated).toMatch(/RFC 9110 §15\.4\.6/);
    // RFC 9110 §15.4.7 calls 306 "(Unused)" and reserved, not deprecated.
    expect(entry(306).reserved).toMatch(/RFC 9110 §15\.4\.7/);
    expect(entry(306).deprecated).toBeUndefined();
  });

  it('credits 308 to RFC 7238 first (Experimental, 2014), then RFC 7538', () => {
    expect(entry(308).meaning).toMatch(/first defined in RFC 7238, then RFC 7538/);
  });

  it('keeps the registry text "(Unused)" as the reason of 306 and explains that choice', () => {
    expect(entry(306).reason).toBe('(Unused)');
    expect(entry(306).meaning).toMatch(/"\(Unused\)"/);
  });

  it('never cites the obsoleted RFC 7230 or RFC 7231 in 1xx-3xx prose', () => {
    for (const [code] of definedIn) {
      for (const text of proseOf(entry(code))) {
        expect(text, `${code}`).not.toMatch(/RFC ?723[01]\b/);
      }
    }
  });
});

describe('no boilerplate', () => {
  it('uses no sentence-length text twice across these codes', () => {
    const seen = new Map<string, number>();
    for (const [code] of definedIn) {
      for (const text of proseOf(entry(code))) {
        const key = text.trim().toLowerCase();
        const first = seen.get(key);
        if (first !== undefined && first !== code) {
          expect.fail(`${code} repeats text of ${first}: "${text.slice(0, 60)}"`);
        }
        seen.set(key, code);
      }
    }
  });
});
