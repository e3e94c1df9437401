import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { TSchema } from '@sinclair/typebox';
import { Problem, type FieldError } from './problem';
import { withoutIds, type JsonSchema } from './schemaWalk';

const FORMATS = ['date-time', 'date', 'email', 'uri', 'uuid'] as const;

/** The one ajv instance for request schemas: every error reported, no type coercion. */
export const ajv = addFormats(new Ajv({ allErrors: true, strict: false, useDefaults: true }), [...FORMATS]);

/** For params and query: strings coerced to the declared types, a lone value to a one-element array. */
const coercingAjv = addFormats(new Ajv({ allErrors: true, strict: false, useDefaults: true, coerceTypes: 'array' }), [
  ...FORMATS,
]);

const cache = new WeakMap<TSchema, ValidateFunction>();
const coercingCache = new WeakMap<TSchema, ValidateFunction>();

function compiled(schema: TSchema, coerce: boolean): ValidateFunction {
  const store = coerce ? coercingCache : cache;
  let fn = store.get(schema);
  if (!fn) {
    fn = (coerce ? coercingAjv : ajv).compile(withoutIds(schema as JsonSchema));
    store.set(schema, fn);
  }
  return fn;
}

/** Maps ajv errors to field errors whose pointers start at `prefix` ('/body', '/query', ...). */
export function fieldErrors(errors: ErrorObject[] | null | undefined, prefix: string): FieldError[] {
  return (errors ?? []).map((e) => {
    const missing = e.keyword === 'required' ? `/${String(e.params['missingProperty'])}` : '';
    const extra = e.keyword === 'additionalProperties' ? `/${String(e.params['additionalProperty'])}` : '';
    return { pointer: `${prefix}${e.instancePath}${missing}${extra}`, message: e.message ?? 'is invalid' };
  });
}

/**
 * Checks `value` against `schema` and returns it (defaults applied, and for params and query, strings
 * coerced to the declared types). Collects errors instead of throwing when `errors` is given.
 * @throws Problem validation_failed listing every field error, when no collector is passed.
 */
export function check<T>(schema: TSchema, value: unknown, prefix: string, errors?: FieldError[]): T {
  const validate = compiled(schema, prefix === '/query' || prefix === '/params');
  if (!validate(value)) {
    const found = fieldErrors(validate.errors, prefix);
    if (errors) errors.push(...found);
    else throw new Problem('validation_failed', { errors: found });
  }
  return value as T;
}
