/**
 * A small JSON Schema checker for the subset of keywords `exchange-schema.ts` uses (type,
 * required, properties, items, enum, pattern, minimum, maximum, minItems, maxItems, format
 * date-time). It lets the browser-safe package validate imports against the same schema the
 * API publishes, without pulling Ajv into the browser bundle.
 */

/** One validation problem: a JSON Pointer (RFC 6901) to the value and what is wrong. */
export interface SchemaError {
  path: string;
  message: string;
}

/** The schema subset understood here. */
export interface SchemaNode {
  type?: string | readonly string[];
  required?: readonly string[];
  properties?: Readonly<Record<string, SchemaNode>>;
  items?: SchemaNode;
  enum?: readonly unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
}

const MAX_ERRORS = 50;
const patterns = new Map<string, RegExp>();

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  if (type === 'integer') return typeof value === 'number' && Number.isInteger(value);
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  return typeOf(value) === type;
}

function pointer(path: string, key: string | number): string {
  return `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function walk(value: unknown, schema: SchemaNode, path: string, errors: SchemaError[]): void {
  if (errors.length >= MAX_ERRORS) return;
  if (schema.type !== undefined) {
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
    if (!types.some((t) => matchesType(value, t))) {
      errors.push({ path, message: `expected ${types.join(' or ')}, got ${typeOf(value)}` });
      return;
    }
  }
  if (schema.enum && !schema.enum.includes(value)) {
    errors.push({ path, message: `expected one of ${JSON.stringify(schema.enum)}` });
  }
  if (typeof value === 'string') {
    if (schema.pattern !== undefined) {
      let re = patterns.get(schema.pattern);
      if (!re) patterns.set(schema.pattern, (re = new RegExp(schema.pattern)));
      if (!re.test(value)) errors.push({ path, message: `does not match ${schema.pattern}` });
    }
    if (schema.format === 'date-time' && Number.isNaN(Date.parse(value))) {
      errors.push({ path, message: 'is not a date-time' });
    }
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) {
      errors.push({ path, message: `is below ${schema.minimum}` });
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      errors.push({ path, message: `is above ${schema.maximum}` });
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      errors.push({ path, message: `has fewer than ${schema.minItems} items` });
    }
    if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      errors.push({ path, message: `has more than ${schema.maxItems} items` });
    }
    if (schema.items) {
      for (let i = 0; i < value.length && errors.length < MAX_ERRORS; i++) {
        walk(value[i], schema.items, pointer(path, i), errors);
      }
    }
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (obj[key] === undefined) errors.push({ path, message: `is missing "${key}"` });
    }
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (obj[key] !== undefined) walk(obj[key], sub, pointer(path, key), errors);
    }
  }
}

/** Checks `value` against `schema`; returns at most 50 errors (empty when valid). */
export function checkSchema(value: unknown, schema: SchemaNode, path = ''): SchemaError[] {
  const errors: SchemaError[] = [];
  walk(value, schema, path, errors);
  return errors;
}
