/** Schema names Signoff accepts: lower-case letters, digits and underscores, not starting with a digit. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The schema name as a quoted SQL identifier.
 * @throws Error when `schema` is not a plain lower-case identifier (it is never interpolated otherwise).
 */
export function quotedSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(`Invalid schema name "${schema}": use lower-case letters, digits and underscores`);
  }
  return `"${schema}"`;
}
