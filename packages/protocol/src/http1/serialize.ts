import { concatBytes, encodeLatin1 } from '../shared/bytes.js';

/**
 * One line of a composed head. Nothing is validated or normalised: the serializer writes exactly
 * what it is given, so deliberately broken heads (for fault endpoints and the probe) can be
 * built.
 * - `[name, value]` is written `name + ": " + value`;
 * - `{ name, value, separator }` sets the text between name and value (e.g. `" : "`, `":"`);
 * - `{ raw }` is written as is (a line without colon, an obs-fold continuation, ...);
 * - `ending` overrides the line ending for this line (e.g. `"\n"` for a bare LF).
 */
export type ComposedLine =
  | readonly [name: string, value: string]
  | { name: string; value: string; separator?: string; ending?: string }
  | { raw: string | Uint8Array; ending?: string };

interface ComposeCommon {
  headers: readonly ComposedLine[];
  /** Default line ending for every line, including the final empty line. Default `"\r\n"`. */
  lineEnding?: string;
  /** Ending of the final empty line; defaults to `lineEnding`. */
  finalLine?: string;
}

/** A request head to compose: `method SP target SP version`, or `startLine` verbatim. */
export interface ComposedRequestHead extends ComposeCommon {
  method?: string;
  target?: string;
  /** Default `HTTP/1.1`. */
  version?: string;
  /** Overrides method/target/version with this exact text (no ending). */
  startLine?: string;
  startLineEnding?: string;
}

/** A response head to compose: `version SP status SP reason`, or `startLine` verbatim. */
export interface ComposedResponseHead extends ComposeCommon {
  /** Default `HTTP/1.1`. */
  version?: string;
  status?: number | string;
  /** Written after the status and one SP (RFC 9112 §4 keeps the SP even when empty). */
  reason?: string;
  startLine?: string;
  startLineEnding?: string;
}

function lineBytes(line: ComposedLine, fallback: string): Uint8Array[] {
  if (Array.isArray(line)) {
    const [name, value] = line as readonly [string, string];
    return [encodeLatin1(`${name}: ${value}${fallback}`)];
  }
  if ('raw' in line) {
    const raw = typeof line.raw === 'string' ? encodeLatin1(line.raw) : line.raw;
    return [raw, encodeLatin1(line.ending ?? fallback)];
  }
  const {
    name,
    value,
    separator = ': ',
    ending = fallback,
  } = line as {
    name: string;
    value: string;
    separator?: string;
    ending?: string;
  };
  return [encodeLatin1(`${name}${separator}${value}${ending}`)];
}

function compose(start: string, startEnding: string | undefined, head: ComposeCommon): Uint8Array {
  const ending = head.lineEnding ?? '\r\n';
  const parts: Uint8Array[] = [encodeLatin1(start + (startEnding ?? ending))];
  for (const line of head.headers) parts.push(...lineBytes(line, ending));
  parts.push(encodeLatin1(head.finalLine ?? ending));
  return concatBytes(parts);
}

/**
 * Writes a request head byte for byte (RFC 9112 §3 layout, but nothing is checked). Text is
 * written one octet per character (latin1); characters above U+00FF as UTF-8.
 */
export function serializeRequestHead(head: ComposedRequestHead): Uint8Array {
  const start =
    head.startLine ?? `${head.method ?? 'GET'} ${head.target ?? '/'} ${head.version ?? 'HTTP/1.1'}`;
  return compose(start, head.startLineEnding, head);
}

/** Writes a response head byte for byte (RFC 9112 §4 layout, nothing checked). */
export function serializeResponseHead(head: ComposedResponseHead): Uint8Array {
  const start =
    head.startLine ?? `${head.version ?? 'HTTP/1.1'} ${head.status ?? 200} ${head.reason ?? ''}`;
  return compose(start, head.startLineEnding, head);
}
