import type { FieldError } from './problem';

/** Deepest nesting of objects and arrays accepted in a JSON body (the top-level value is depth 1). */
export const MAX_JSON_DEPTH = 64;

// In u-mode, \p{Cs} matches only UTF-16 surrogates that have no partner.
const LONE_SURROGATE = /\p{Cs}/u;

interface Pending {
  value: unknown;
  pointer: string;
  depth: number;
}

function memberPointer(pointer: string, key: string): string {
  return `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function scalarError(value: unknown, pointer: string): FieldError | undefined {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { pointer, message: 'must be a number a double can hold (magnitude below 1.8e308)' };
  }
  if (typeof value === 'string' && LONE_SURROGATE.test(value)) {
    return { pointer, message: 'must not contain an unpaired UTF-16 surrogate (\\uD800-\\uDFFF escape)' };
  }
  return undefined;
}

/** Pushes the members of a container so they pop in document order (no spread: arrays may be huge). */
function pushChildren(stack: Pending[], item: Pending): void {
  const depth = item.depth + 1;
  const entries: [string, unknown][] = Array.isArray(item.value)
    ? item.value.map((value, i) => [String(i), value])
    : Object.entries(item.value as object);
  for (let i = entries.length - 1; i >= 0; i--) {
    const [key, value] = entries[i]!;
    stack.push({ value, pointer: memberPointer(item.pointer, key), depth });
  }
}

function containerError(item: Pending): FieldError | undefined {
  if (item.depth > MAX_JSON_DEPTH) {
    return { pointer: item.pointer, message: `must not nest objects and arrays deeper than ${MAX_JSON_DEPTH} levels` };
  }
  if (Array.isArray(item.value)) return undefined;
  const badKey = Object.keys(item.value as object).find((key) => LONE_SURROGATE.test(key));
  if (badKey === undefined) return undefined;
  return {
    pointer: memberPointer(item.pointer, badKey),
    message: 'member name must not contain an unpaired UTF-16 surrogate',
  };
}

/**
 * The first place where a parsed JSON value breaks what the API can validate, hash and store (I-JSON,
 * RFC 7493): objects and arrays nested deeper than MAX_JSON_DEPTH, a number too large for a double
 * (JSON.parse turns 1e999 into Infinity), or a string or member name with an unpaired surrogate.
 * Walks with an explicit stack, so no depth of input can overflow the call stack. Undefined when none.
 * `pointer` prefixes the JSON pointer of the error ('/body').
 */
export function jsonLimitError(value: unknown, pointer: string): FieldError | undefined {
  const stack: Pending[] = [{ value, pointer, depth: 1 }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item.value === null || typeof item.value !== 'object') {
      const error = scalarError(item.value, item.pointer);
      if (error) return error;
      continue;
    }
    const error = containerError(item);
    if (error) return error;
    pushChildren(stack, item);
  }
  return undefined;
}
