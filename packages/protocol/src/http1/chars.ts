/**
 * Octet classes of HTTP/1.1 heads (RFC 9110 §5.6.2 tokens, §5.5 field values; RFC 5234 core
 * rules). Tables are indexed by octet value.
 */

const TCHAR_EXTRA = "!#$%&'*+-.^_`|~";

function table(pred: (c: number) => boolean): Uint8Array {
  const out = new Uint8Array(256);
  for (let c = 0; c < 256; c++) out[c] = pred(c) ? 1 : 0;
  return out;
}

/** RFC 9110 §5.6.2: tchar = "!" / "#" / ... / DIGIT / ALPHA. */
const TCHAR = table(
  (c) =>
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    TCHAR_EXTRA.includes(String.fromCharCode(c)),
);

/** True when `c` is a tchar (RFC 9110 §5.6.2). */
export function isTchar(c: number): boolean {
  return TCHAR[c] === 1;
}

/** True when every character of `text` is a tchar and it is non-empty (RFC 9110 §5.6.2 token). */
export function isToken(text: string): boolean {
  if (text.length === 0) return false;
  for (let i = 0; i < text.length; i++) if (!isTchar(text.charCodeAt(i))) return false;
  return true;
}

/** SP or HTAB: OWS / BWS (RFC 9110 §5.6.3). */
export function isOws(c: number): boolean {
  return c === 0x20 || c === 0x09;
}

/**
 * Whitespace a lenient recipient may treat as a request-line separator (RFC 9112 §3): SP, HTAB,
 * VT, FF, or bare CR.
 */
export function isLenientSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0x0d;
}

/** CTL (RFC 5234 B.1): %x00-1F / %x7F. */
export function isCtl(c: number): boolean {
  return c < 0x20 || c === 0x7f;
}

/** Trims SP/HTAB from both ends (RFC 9112 §5.1: OWS around a field value is not part of it). */
export function trimOws(text: string): string {
  let a = 0;
  let b = text.length;
  while (a < b && isOws(text.charCodeAt(a))) a++;
  while (b > a && isOws(text.charCodeAt(b - 1))) b--;
  return text.slice(a, b);
}
