/**
 * Checks a status code as the client wrote it, so that a 400 names the actual fault: a code of
 * the wrong length is not "outside 100..599", it is not a three-digit code at all.
 */

/**
 * Why `text` (digits only) is not a status code, or undefined when it is one. RFC 9110 §15:
 * "a three-digit integer code"; its first digit is the class, 1 to 5.
 */
export function statusCodeProblem(text: string): string | undefined {
  if (text.length !== 3) {
    return `${JSON.stringify(text.slice(0, 64))} is not a three-digit status code (RFC 9110 §15: a status code is exactly three digits, 100..599)`;
  }
  const first = text.charCodeAt(0) - 48;
  if (first === 0) {
    return `${JSON.stringify(text)} is not a status code: its first digit is its class, 1 to 5 (RFC 9110 §15)`;
  }
  if (first > 5) {
    return `${text} is outside 100..599: the first digit of a status code is its class, 1 to 5 (RFC 9110 §15)`;
  }
  return undefined;
}
