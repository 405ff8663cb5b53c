/**
 * `Sec-WebSocket-Extensions` parsing (RFC 6455 §9.1: `extension-token *( ";" extension-param )`,
 * params `token [ "=" (token / quoted-string) ]`), tolerant: never throws, keeps raw text.
 *
 * Why not protocol's `parseExtensions`: it is strict (a syntax error rejects the whole field, as
 * a peer must), while a linter has to keep reading to say what else is wrong. Syntax itself is
 * judged with protocol's parser by `ws-handshake/extensions-syntax`.
 */

export interface ExtensionParam {
  name: string;
  /** Value without quotes; undefined when the parameter has no `=`. */
  value?: string;
}

export interface ExtensionElement {
  /** Lower-cased extension token, e.g. `permessage-deflate`. */
  name: string;
  params: ExtensionParam[];
  raw: string;
}

/** Splits on `sep` outside double quotes. */
function splitOutsideQuotes(text: string, sep: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && quoted) {
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === sep && !quoted) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return value;
}

/** Parses one or more `Sec-WebSocket-Extensions` values into elements, in order. */
export function parseExtensions(values: readonly string[]): ExtensionElement[] {
  const out: ExtensionElement[] = [];
  for (const value of values) {
    for (const rawElement of splitOutsideQuotes(value, ',')) {
      const raw = rawElement.trim();
      if (raw === '') continue;
      const [head = '', ...rest] = splitOutsideQuotes(raw, ';');
      const params: ExtensionParam[] = [];
      for (const p of rest) {
        const text = p.trim();
        if (text === '') continue;
        const eq = text.indexOf('=');
        if (eq === -1) params.push({ name: text.toLowerCase() });
        else {
          params.push({
            name: text.slice(0, eq).trim().toLowerCase(),
            value: unquote(text.slice(eq + 1).trim()),
          });
        }
      }
      out.push({ name: head.trim().toLowerCase(), params, raw });
    }
  }
  return out;
}

export const PERMESSAGE_DEFLATE = 'permessage-deflate';

/** The four parameters RFC 7692 §7.1 defines for permessage-deflate. */
const PMD_PARAMS = new Set([
  'server_no_context_takeover',
  'client_no_context_takeover',
  'server_max_window_bits',
  'client_max_window_bits',
]);

/** RFC 7692 §7.1.2.1/§7.1.2.2: window bits are a decimal 8..15 without leading zeros. */
export function isWindowBits(value: string | undefined): boolean {
  return value !== undefined && /^(?:8|9|1[0-5])$/.test(value);
}

/**
 * What is wrong with the parameters of one permessage-deflate element (RFC 7692 §7): unknown
 * parameter, duplicate parameter, a value where none is allowed, a missing or out-of-range
 * window size. `side` is `offer` (client) or `response` (server): in a response
 * `client_max_window_bits` must carry a value; in an offer it may be bare (§7.1.2.2).
 */
export function deflateParamProblems(
  element: ExtensionElement,
  side: 'offer' | 'response',
): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const p of element.params) {
    if (!PMD_PARAMS.has(p.name)) {
      problems.push(`unknown parameter "${p.name}"`);
      continue;
    }
    if (seen.has(p.name)) problems.push(`parameter "${p.name}" appears more than once`);
    seen.add(p.name);
    if (p.name.endsWith('_no_context_takeover')) {
      if (p.value !== undefined) problems.push(`"${p.name}" takes no value, got "${p.value}"`);
    } else if (p.name === 'client_max_window_bits' && side === 'offer' && p.value === undefined) {
      // RFC 7692 §7.1.2.2: a bare client_max_window_bits in an offer only announces support.
    } else if (!isWindowBits(p.value)) {
      problems.push(
        `"${p.name}" must be an integer 8..15, got ${p.value === undefined ? 'no value' : `"${p.value}"`}`,
      );
    }
  }
  return problems;
}

/** The value of a parameter of an element, or undefined (also when present without value). */
export function paramValue(element: ExtensionElement, name: string): string | undefined {
  return element.params.find((p) => p.name === name)?.value;
}

/** True when the element has the parameter (with or without value). */
export function hasParam(element: ExtensionElement, name: string): boolean {
  return element.params.some((p) => p.name === name);
}
