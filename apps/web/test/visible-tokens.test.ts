import { describe, expect, it } from 'vitest';
import { visibleTokens } from '../src/bytes/visible-tokens.js';

describe('visibleTokens', () => {
  it('keeps the text exactly when joined back', () => {
    const text = 'GET / HTTP/1.1\r\nHost: a\tb\u200b\r\n\r\nbody\x00é';
    expect(
      visibleTokens(text)
        .map((t) => t.text)
        .join(''),
    ).toBe(text);
  });

  it('makes CR, LF and TAB visible as escapes', () => {
    const shown = visibleTokens('a\r\n\tb').map((t) => (t.kind === 'text' ? t.text : t.shown));
    expect(shown).toEqual(['a', '\\r', '\\n', '\\t', 'b']);
  });

  it('flags control and invisible Unicode characters', () => {
    const tokens = visibleTokens('x\x7fy\u200bz\u00a0w\ufeff');
    const shown = tokens.flatMap((t) => (t.kind === 'text' ? [] : [t.shown]));
    expect(shown).toEqual(['\\x7f', '<U+200B>', '<U+00A0>', '<U+FEFF>']);
  });

  it('leaves ordinary spaces and printable non-ASCII as text', () => {
    expect(visibleTokens('a b é 日本')).toEqual([{ kind: 'text', text: 'a b é 日本' }]);
  });
});
