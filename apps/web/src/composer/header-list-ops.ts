import { newFieldId, type HeaderField } from './request-model.js';

/** Pure edits of the ordered header list; each returns a new array and never reorders others. */

export function addField(fields: readonly HeaderField[], name = '', value = ''): HeaderField[] {
  return [...fields, { id: newFieldId(), name, value, enabled: true }];
}

export function removeField(fields: readonly HeaderField[], id: string): HeaderField[] {
  return fields.filter((field) => field.id !== id);
}

export function updateField(
  fields: readonly HeaderField[],
  id: string,
  patch: Partial<Omit<HeaderField, 'id'>>,
): HeaderField[] {
  return fields.map((field) => (field.id === id ? { ...field, ...patch } : field));
}

/** Moves the field one place up (`-1`) or down (`+1`); out-of-range moves change nothing. */
export function moveField(
  fields: readonly HeaderField[],
  id: string,
  delta: -1 | 1,
): HeaderField[] {
  const from = fields.findIndex((field) => field.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= fields.length) return [...fields];
  const next = [...fields];
  const [moved] = next.splice(from, 1);
  if (moved) next.splice(to, 0, moved);
  return next;
}

/**
 * Sets the value of the first field with this name (case-insensitive, RFC 9110 §5.1), enabling
 * it; appends the field when there is none.
 */
export function setFieldValue(
  fields: readonly HeaderField[],
  name: string,
  value: string,
): HeaderField[] {
  const lower = name.toLowerCase();
  const index = fields.findIndex((field) => field.name.toLowerCase() === lower);
  if (index < 0) return addField(fields, name, value);
  return fields.map((field, i) => (i === index ? { ...field, value, enabled: true } : field));
}
