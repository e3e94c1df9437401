import type { CaseData } from '../db/entities/case';
import { unstorableText } from '../db/storableText';
import { Problem } from '../http/problem';
import type { CompiledDefinition } from '../workflow/compileDefinition';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `target` with `patch` applied as a JSON Merge Patch (RFC 7396): members set to null are removed,
 * objects merge recursively, anything else replaces. Neither argument is changed; keys such as
 * `__proto__` stay plain members.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const base = isObject(target) ? target : {};
  const keys = new Set([...Object.keys(base), ...Object.keys(patch)]);
  const entries = [...keys].flatMap((key): [string, unknown][] => {
    if (!Object.hasOwn(patch, key)) return [[key, base[key]]];
    const value = patch[key];
    return value === null ? [] : [[key, mergePatch(base[key], value)]];
  });
  return Object.fromEntries(entries);
}

/**
 * Refuses text PostgreSQL cannot store as given (NUL, lone surrogates) anywhere in `value`.
 * @throws Problem validation_failed (400) naming every such string.
 */
export function refuseUnstorable(value: unknown, pointer: string): void {
  const errors = unstorableText(value, pointer);
  if (errors.length > 0) throw new Problem('validation_failed', { errors });
}

/**
 * Checks case data against the definition's dataSchema, when it has one.
 * @throws Problem unprocessable (422) listing every field error, pointers below `pointer`.
 */
export function checkCaseData(definition: CompiledDefinition, data: CaseData, pointer: string): void {
  const errors = definition.validateData?.(data, pointer) ?? [];
  if (errors.length > 0) {
    throw new Problem('unprocessable', { detail: "The case data does not satisfy its workflow's dataSchema.", errors });
  }
}
