/** A string PostgreSQL would refuse or alter, and where it sits. */
export interface UnstorableText {
  pointer: string;
  message: string;
}

// A UTF-16 surrogate without its partner (in u-mode \p{Cs} matches unpaired ones only).
const LONE_SURROGATE = /\p{Cs}/u;

function storable(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Every string in `value` (object keys included) that text and jsonb columns cannot store as given:
 * NUL characters are refused by PostgreSQL, and lone surrogates would be stored as U+FFFD, which would
 * make the stored value differ from the one hashed into the audit chain. `pointer` prefixes the pointers.
 */
export function unstorableText(value: unknown, pointer: string): UnstorableText[] {
  if (typeof value === 'string') {
    return storable(value) ? [] : [{ pointer, message: 'must not contain NUL or unpaired surrogate characters' }];
  }
  if (Array.isArray(value)) return value.flatMap((item, i) => unstorableText(item, `${pointer}/${i}`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) => {
    const at = `${pointer}/${escapePointer(key)}`;
    return [...unstorableText(key, at), ...unstorableText(item, at)];
  });
}
