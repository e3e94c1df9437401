import type { ErrorObject } from 'ajv';

/** The environment variable that sets a config property: camelCase becomes UPPER_SNAKE_CASE. */
export function envName(property: string): string {
  return property.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function settingOf(error: ErrorObject): string {
  return envName(error.instancePath.slice(1) || String(error.params['missingProperty'] ?? ''));
}

/** The values each setting may take where its schema is a union of literals, by instance path. */
function allowedValues(errors: ErrorObject[]): Map<string, string[]> {
  const allowed = new Map<string, string[]>();
  for (const e of errors.filter((error) => error.keyword === 'const')) {
    allowed.set(e.instancePath, [...(allowed.get(e.instancePath) ?? []), String(e.params['allowedValue'])]);
  }
  return allowed;
}

/**
 * One line per invalid setting from ajv's errors, named by environment variable. A union of literals
 * (SIGNOFF_ENV, LOG_LEVEL) reads `must be one of: a, b, c` instead of one `must be equal to constant` per
 * literal. Values are never repeated, since a setting may be a secret.
 */
export function schemaProblems(errors: ErrorObject[]): string[] {
  const allowed = allowedValues(errors);
  return errors
    .filter((e) => e.keyword !== 'const' || !allowed.has(e.instancePath))
    .map((e) => {
      const choices = e.keyword === 'anyOf' ? allowed.get(e.instancePath) : undefined;
      return `${settingOf(e)}: ${choices ? `must be one of: ${choices.join(', ')}` : (e.message ?? 'is invalid')}`;
    });
}
