/** Parses typed binary payloads for the send controls. */

/** Hex digits, whitespace and `0x`/`:` separators allowed; undefined when malformed. */
export function parseHex(text: string): Uint8Array | undefined {
  const digits = text.replace(/0x/gi, '').replace(/[\s:,]/g, '');
  if (digits.length % 2 !== 0 || /[^0-9a-f]/i.test(digits)) return undefined;
  const out = new Uint8Array(digits.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Standard base64 (RFC 4648 §4), whitespace ignored; undefined when malformed. */
export function parseBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return undefined;
  try {
    return Uint8Array.from(atob(clean), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Bytes → standard base64 (what the probe API takes). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** UTF-8 text → base64. */
export function textToBase64(text: string): string {
  return toBase64(new TextEncoder().encode(text));
}
