import canonicalize from 'canonicalize';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON pointer reference token (RFC 6901): `~` becomes `~0`, `/` becomes `~1`. */
function token(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function sameValue(a: unknown, b: unknown): boolean {
  return canonicalize(a) === canonicalize(b);
}

function collect(before: JsonObject, after: JsonObject, prefix: string, out: string[]): void {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  for (const key of keys) {
    const pointer = `${prefix}/${token(key)}`;
    const [was, now] = [before[key], after[key]];
    const present = [Object.hasOwn(before, key), Object.hasOwn(after, key)];
    if (isObject(was) && isObject(now)) collect(was, now, pointer, out);
    else if (present[0] !== present[1] || !sameValue(was, now)) out.push(pointer);
  }
}

/**
 * The JSON pointers (RFC 6901) of every field that differs between two states, sorted by key at each
 * level. Objects are compared member by member; any other value (arrays included) is one field. A
 * field added or removed counts as changed; `before` null (a new case) counts every field of `after`.
 */
export function changedFields(before: JsonObject | null, after: JsonObject): string[] {
  const out: string[] = [];
  collect(before ?? {}, after, '', out);
  return out;
}
