/**
 * `Connection` and `Upgrade` are comma-separated lists (RFC 9110 §5.6.1, §7.6.1, §7.8); tokens
 * compare case-insensitively. Firefox sends `Connection: keep-alive, Upgrade`.
 */

/** Splits one or more field values into trimmed, non-empty list members (order kept). */
export function parseList(values: string | readonly string[] | undefined): string[] {
  if (values === undefined) return [];
  const all = typeof values === 'string' ? [values] : values;
  const out: string[] = [];
  for (const value of all) {
    for (const part of value.split(',')) {
      const member = part.trim();
      if (member !== '') out.push(member);
    }
  }
  return out;
}

/** True when the list contains `token` (case-insensitive, RFC 9110 §7.6.1). */
export function listHasToken(
  values: string | readonly string[] | undefined,
  token: string,
): boolean {
  const wanted = token.toLowerCase();
  return parseList(values).some((member) => member.toLowerCase() === wanted);
}

/**
 * Parses an `Upgrade` list (RFC 9110 §7.8: `protocol-name ["/" protocol-version]`) into
 * name/version pairs, names lower-cased for comparison.
 */
export function parseUpgrade(
  values: string | readonly string[] | undefined,
): { name: string; version?: string; raw: string }[] {
  return parseList(values).map((raw) => {
    const slash = raw.indexOf('/');
    if (slash === -1) return { name: raw.toLowerCase(), raw };
    return { name: raw.slice(0, slash).toLowerCase(), version: raw.slice(slash + 1), raw };
  });
}
