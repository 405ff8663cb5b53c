/**
 * Splits text into runs a reader can see: CR, LF, TAB, other control characters and invisible
 * Unicode (zero-width, non-breaking and other odd spaces, bidi controls) become explicit tokens,
 * so a head shows exactly what is on the wire. Plain printable text stays one run.
 */
export type VisibleToken =
  | { kind: 'text'; text: string }
  /** A character made visible: `shown` is what the reader sees, `label` names it for screen readers. */
  | {
      kind: 'cr' | 'lf' | 'tab' | 'control' | 'invisible';
      text: string;
      shown: string;
      label: string;
    };

// Cc: control characters; Cf: format characters (zero-width, bidi); Z*: separators other than
// the ordinary space (U+0020), which is visible enough in a monospace head.
const special = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/u;

function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

function describe(ch: string): VisibleToken {
  const cp = ch.codePointAt(0) ?? 0;
  if (ch === '\r') return { kind: 'cr', text: ch, shown: '\\r', label: 'carriage return' };
  if (ch === '\n') return { kind: 'lf', text: ch, shown: '\\n', label: 'line feed' };
  if (ch === '\t') return { kind: 'tab', text: ch, shown: '\\t', label: 'tab' };
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0)) {
    const hex = cp.toString(16).padStart(2, '0');
    return {
      kind: 'control',
      text: ch,
      shown: `\\x${hex}`,
      label: `control character ${codePointLabel(cp)}`,
    };
  }
  return {
    kind: 'invisible',
    text: ch,
    shown: `<${codePointLabel(cp)}>`,
    label: `invisible character ${codePointLabel(cp)}`,
  };
}

/** Tokenises `text`; concatenating every token's `text` gives back the input exactly. */
export function visibleTokens(text: string): VisibleToken[] {
  const tokens: VisibleToken[] = [];
  let run = '';
  for (const ch of text) {
    if (special.test(ch)) {
      if (run) tokens.push({ kind: 'text', text: run });
      run = '';
      tokens.push(describe(ch));
    } else {
      run += ch;
    }
  }
  if (run) tokens.push({ kind: 'text', text: run });
  return tokens;
}
