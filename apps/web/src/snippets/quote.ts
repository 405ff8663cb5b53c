/** String quoting for the languages snippets are written in. Pure functions. */

/**
 * POSIX shell quoting. Inside single quotes nothing is special except `'` itself, which cannot
 * appear at all; it is written as `'\''` (close, escaped quote, reopen). Plain words that need
 * no quoting are left bare so common commands stay readable.
 */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_./:=@%+,-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A double-quoted string literal valid in JavaScript, Python 3 and Go alike: JSON's escapes
 * (`\"`, `\\`, `\n`, `\r`, `\t`, `\b`, `\f`, `\uXXXX`) mean the same in all three. Non-ASCII
 * text is kept as is (all three read UTF-8 source).
 */
export function stringLiteral(value: string): string {
  return JSON.stringify(value);
}
