import { newFieldId, type HeaderField } from './request-model.js';

/**
 * The raw-text form of the header editor: one `Name: value` line per field, in order; a line
 * starting with `#` is a disabled field. This is an editing notation, not wire format (the
 * wire view shows the CRLFs).
 */
export function fieldsToText(fields: readonly HeaderField[]): string {
  return fields
    .map((field) => `${field.enabled ? '' : '#'}${field.name}: ${field.value}`)
    .join('\n');
}

export type ParseResult =
  { ok: true; fields: HeaderField[] } | { ok: false; errors: { line: number; message: string }[] };

/**
 * Parses the raw-text form. The name is everything before the first `:` (kept exactly, so a
 * deliberately malformed name can still be sent); one run of leading spaces or tabs after the
 * colon is optional whitespace (RFC 9110 §5.6.3 OWS) and is dropped; the rest is the value.
 * Blank lines are skipped. A line without a colon is an error (the editor keeps the old fields).
 * `previous` lends its ids to fields in the same position, so rows keep their identity.
 */
export function textToFields(text: string, previous: readonly HeaderField[] = []): ParseResult {
  const fields: HeaderField[] = [];
  const errors: { line: number; message: string }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const enabled = !raw.startsWith('#');
    const line = enabled ? raw : raw.slice(1);
    const colon = line.indexOf(':');
    if (colon < 0) {
      errors.push({
        line: index + 1,
        message: `line ${index + 1} has no ":" between name and value`,
      });
      return;
    }
    const name = line.slice(0, colon);
    const value = line.slice(colon + 1).replace(/^[ \t]+/, '');
    const id = previous[fields.length]?.id ?? newFieldId();
    fields.push({ id, name, value, enabled });
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, fields };
}
