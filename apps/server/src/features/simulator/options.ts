/**
 * The simulator's options, from query parameters or `X-Switchyard-*` request headers (the query
 * wins when both are given). Parsing never throws: a bad value yields a problem naming the
 * parameter, answered as 400 problem+json.
 */
import { parseWeighted, type WeightedChoice } from './weighted-random.js';

export interface SimOptions {
  /** Wait before the final response, in ms (bounded by the configured cap). */
  delayMs: number;
  /** Extra response fields, in the order given; each replaces a default of the same name. */
  headers: [string, string][];
  /** Lower-case names given with an empty value: drop that default (e.g. a 401 without WWW-Authenticate). */
  remove: Set<string>;
  /** Replaces the diagnostic body. */
  body?: string;
  /** Content type of the custom body (default `text/plain; charset=utf-8`). */
  contentType?: string;
  /** Weighted random status, overriding the code in the path. */
  random?: WeightedChoice[];
  /** `Link` values of a 103 Early Hints (RFC 8297). */
  links: string[];
}

export interface OptionProblem {
  /** The parameter as the client named it, e.g. `delay` or `X-Switchyard-Delay`. */
  parameter: string;
  detail: string;
}

type Query = Record<string, string | string[] | undefined>;

/** Option name (query) → request header carrying the same option. */
export const OPTION_HEADERS = {
  delay: 'x-switchyard-delay',
  header: 'x-switchyard-header',
  body: 'x-switchyard-body',
  content_type: 'x-switchyard-content-type',
  random: 'x-switchyard-random',
  link: 'x-switchyard-link',
} as const;

type OptionName = keyof typeof OPTION_HEADERS;

const MAX_EXTRA_HEADERS = 50;

// RFC 9110 §5.6.2: token = 1*tchar.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// RFC 9110 §5.5: field-value characters (VCHAR, obs-text, SP, HTAB); no CR, LF or NUL.
const FIELD_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const MEDIA_TYPE =
  /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*(;[\t\x20-\x7e]*)?$/;

/**
 * Message framing and connection management belong to the server (RFC 9112 §6, RFC 9110
 * §7.6.1): letting a client set them would corrupt the response on the wire.
 */
const FORBIDDEN = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
]);

/** The values of one option: query first; else every line of the matching request header. */
function valuesOf(
  name: OptionName,
  query: Query,
  rawHeaders: readonly string[],
): { values: string[]; parameter: string } {
  const fromQuery = query[name];
  if (fromQuery !== undefined) {
    return { values: Array.isArray(fromQuery) ? fromQuery : [fromQuery], parameter: name };
  }
  const header = OPTION_HEADERS[name];
  const values: string[] = [];
  let parameter: string = header;
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    // Length first: runs 6 times per request over every field, and most fields differ in length.
    const name = rawHeaders[i]!;
    if (name.length === header.length && name.toLowerCase() === header) {
      parameter = name;
      values.push(rawHeaders[i + 1]!);
    }
  }
  return { values, parameter };
}

function single(
  name: OptionName,
  query: Query,
  rawHeaders: readonly string[],
): { value?: string; parameter: string; problem?: OptionProblem } {
  const { values, parameter } = valuesOf(name, query, rawHeaders);
  if (values.length > 1) {
    return { parameter, problem: { parameter, detail: `${parameter} was given more than once` } };
  }
  return { value: values[0], parameter };
}

/** Parses `1500`, `1500ms` or `1.5s` into milliseconds; undefined when malformed. */
export function parseDelay(raw: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(raw.trim());
  if (!match) return undefined;
  const value = Number(match[1]) * (match[2] === 's' ? 1000 : 1);
  return Number.isFinite(value) ? Math.round(value) : undefined;
}

/** Splits `Name: Value` into a validated field; returns a message when it is not one. */
export function parseHeaderOption(raw: string): [string, string] | string {
  const colon = raw.indexOf(':');
  if (colon <= 0) return `${JSON.stringify(raw)} is not Name:Value`;
  const name = raw.slice(0, colon).trim();
  const value = raw.slice(colon + 1).trim();
  if (!TOKEN.test(name)) return `${JSON.stringify(name)} is not a valid field name (RFC 9110 §5.1)`;
  if (!FIELD_VALUE.test(value)) {
    return `the value of ${name} contains a character not allowed in a field value (RFC 9110 §5.5)`;
  }
  if (FORBIDDEN.has(name.toLowerCase())) {
    return `${name} is managed by the server (message framing, RFC 9112 §6 / RFC 9110 §7.6.1)`;
  }
  return [name, value];
}

const HEADER_PREFIX = 'x-switchyard-';

/**
 * Whether the request could carry any option: a query parameter of an option's name or a field
 * named `X-Switchyard-*`. One pass over the fields instead of one per option (most requests
 * give none).
 */
function mayHaveOptions(query: Query, rawHeaders: readonly string[]): boolean {
  for (const name in query) if (Object.hasOwn(OPTION_HEADERS, name)) return true;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!;
    if (
      name.length > HEADER_PREFIX.length &&
      (name.charCodeAt(0) | 0x20) === 0x78 && // 'x' or 'X'
      name.slice(0, HEADER_PREFIX.length).toLowerCase() === HEADER_PREFIX
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Reads every option. `rawHeaders` is Node's `request.rawHeaders` (so repeated header lines stay
 * separate); `delayCapMs` bounds the delay.
 */
export function parseOptions(
  query: Query,
  rawHeaders: readonly string[],
  delayCapMs: number,
): SimOptions | OptionProblem {
  const options: SimOptions = { delayMs: 0, headers: [], remove: new Set(), links: [] };
  if (!mayHaveOptions(query, rawHeaders)) return options;

  const delay = single('delay', query, rawHeaders);
  if (delay.problem) return delay.problem;
  if (delay.value !== undefined) {
    const ms = parseDelay(delay.value);
    if (ms === undefined) {
      return {
        parameter: delay.parameter,
        detail: `${JSON.stringify(delay.value)} is not a delay (e.g. 1500, 1500ms or 1.5s)`,
      };
    }
    if (ms > delayCapMs) {
      return {
        parameter: delay.parameter,
        detail: `${ms} ms is longer than this server's cap of ${delayCapMs} ms (DELAY_CAP_MS)`,
      };
    }
    options.delayMs = ms;
  }

  const headers = valuesOf('header', query, rawHeaders);
  if (headers.values.length > MAX_EXTRA_HEADERS) {
    return { parameter: headers.parameter, detail: `at most ${MAX_EXTRA_HEADERS} header options` };
  }
  for (const raw of headers.values) {
    const parsed = parseHeaderOption(raw);
    if (typeof parsed === 'string') return { parameter: headers.parameter, detail: parsed };
    if (parsed[1] === '') options.remove.add(parsed[0].toLowerCase());
    else options.headers.push(parsed);
  }

  const body = single('body', query, rawHeaders);
  if (body.problem) return body.problem;
  if (body.value !== undefined) options.body = body.value;

  const type = single('content_type', query, rawHeaders);
  if (type.problem) return type.problem;
  if (type.value !== undefined) {
    if (!MEDIA_TYPE.test(type.value.trim())) {
      return {
        parameter: type.parameter,
        detail: `${JSON.stringify(type.value)} is not a media type (e.g. text/csv; charset=utf-8)`,
      };
    }
    options.contentType = type.value.trim();
  }

  const random = single('random', query, rawHeaders);
  if (random.problem) return random.problem;
  if (random.value !== undefined) {
    const parsed = parseWeighted(random.value);
    if (typeof parsed === 'string') return { parameter: random.parameter, detail: parsed };
    options.random = parsed;
  }

  const links = valuesOf('link', query, rawHeaders);
  for (const link of links.values) {
    if (!FIELD_VALUE.test(link) || link.trim() === '') {
      return { parameter: links.parameter, detail: `${JSON.stringify(link)} is not a Link value` };
    }
    options.links.push(link.trim());
  }
  return options;
}

/** Type guard for the problem branch of {@link parseOptions}. */
export function isOptionProblem(value: SimOptions | OptionProblem): value is OptionProblem {
  return 'parameter' in value;
}
