import type { Exchange } from './exchange.js';
import { exchangeSchema } from './exchange-schema.js';
import { checkSchema, type SchemaError, type SchemaNode } from './schema-check.js';

/** Checks that `value` is a well-formed Exchange (against `exchangeSchema`). */
export function validateExchange(
  value: unknown,
): { ok: true; exchange: Exchange } | { ok: false; errors: SchemaError[] } {
  const errors = checkSchema(value, exchangeSchema as SchemaNode);
  return errors.length === 0 ? { ok: true, exchange: value as Exchange } : { ok: false, errors };
}
