import { describe, expect, it } from 'vitest';
import { fieldsFrom } from '../src/composer/request-model.js';
import { fieldsToText, textToFields } from '../src/composer/raw-header-text.js';

describe('raw header text', () => {
  it('round-trips fields, disabled ones included', () => {
    const fields = fieldsFrom([
      ['Host', 'a:8080'],
      ['Connection', 'keep-alive, Upgrade'],
      ['X', ''],
    ]);
    fields[1]!.enabled = false;
    const text = fieldsToText(fields);
    expect(text).toBe('Host: a:8080\n#Connection: keep-alive, Upgrade\nX: ');
    const parsed = textToFields(text, fields);
    expect(parsed.ok && parsed.fields).toEqual(fields);
  });

  it('splits at the first colon, drops optional whitespace before the value, keeps the name as typed', () => {
    const parsed = textToFields('Host:\t  example.com:80 \n\nBad Name :v');
    expect(parsed.ok && parsed.fields.map((f) => [f.name, f.value])).toEqual([
      ['Host', 'example.com:80 '],
      ['Bad Name ', 'v'],
    ]);
  });

  it('reports lines without a colon by line number', () => {
    const parsed = textToFields('Host: a\nnot a header\nX: y');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.map((e) => e.line)).toEqual([2]);
  });
});
