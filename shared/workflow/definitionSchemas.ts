import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FieldError } from '../http/problem';
import { fieldErrors } from '../http/validation';

// Schemas written by workflow authors: unknown keywords are refused (a misspelt "requried" would otherwise
// silently allow anything), $id values are not registered (two definitions may reuse one), no defaults
// are written into the validated value, and nothing is logged.
const authorAjv = addFormats(
  new Ajv({
    allErrors: true,
    strictSchema: true,
    strictNumbers: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    addUsedSchema: false,
    logger: false,
  }),
);

/** Checks a value against an author's schema: no errors, or every error with a pointer below `prefix`. */
export type AuthorValidator = (value: unknown, prefix: string) => FieldError[];

/** Compiling an author's schema: the validator, or why it does not compile. */
export type AuthorSchemaCompilation = { ok: true; validate: AuthorValidator } | { ok: false; problem: string };

// Compiling is the slow part, and the same schemas come back (checked, then compiled; many versions of
// one definition), so validators are kept by the schema's JSON text, the oldest dropped first.
const MAX_REMEMBERED = 500;
const remembered = new Map<string, AuthorSchemaCompilation>();

function validator(compiled: ValidateFunction): AuthorValidator {
  return (value, prefix) => (compiled(value) ? [] : fieldErrors(compiled.errors, prefix));
}

/**
 * Compiles a JSON Schema from a definition document (dataSchema, inputSchema) with ajv. Pure (ajv builds
 * a validator in memory); never throws: a schema that does not compile comes back with ajv's message.
 */
export function compileAuthorSchema(schema: Record<string, unknown>): AuthorSchemaCompilation {
  const text = JSON.stringify(schema);
  const known = remembered.get(text);
  if (known !== undefined) return known;

  const compiled = compile(structuredClone(schema));
  remembered.set(text, compiled);
  if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value as string);
  return compiled;
}

function compile(schema: Record<string, unknown>): AuthorSchemaCompilation {
  try {
    return { ok: true, validate: validator(authorAjv.compile(schema)) };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}
