/** A string PostgreSQL would refuse or alter, and where it sits. */
export interface UnstorableText {
  pointer: string;
  message: string;
}

// A UTF-16 surrogate without its partner (in u-mode \p{Cs} matches unpaired ones only).
const LONE_SURROGATE = /\p{Cs}/u;

const UNSTORABLE = 'must not contain NUL or unpaired surrogate characters';

function storable(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

interface Pending {
  value: unknown;
  pointer: string;
}

/** What `value` holds one level down, in document order: for each object member its key, then its value. */
function children(value: object, pointer: string): Pending[] {
  // flatMap, unlike map, skips the holes of a sparse array, as the recursive walk did.
  if (Array.isArray(value)) return value.flatMap((item: unknown, i) => [{ value: item, pointer: `${pointer}/${i}` }]);
  return Object.entries(value).flatMap(([key, item]) => {
    const at = `${pointer}/${escapePointer(key)}`;
    return [
      { value: key, pointer: at },
      { value: item, pointer: at },
    ];
  });
}

/**
 * Every string in `value` (object keys included) that text and jsonb columns cannot store as given:
 * NUL characters are refused by PostgreSQL, and lone surrogates would be stored as U+FFFD, which would
 * make the stored value differ from the one hashed into the audit chain. `pointer` prefixes the pointers.
 * Walks with an explicit stack, so data of any depth is checked without exhausting the call stack.
 */
export function unstorableText(value: unknown, pointer: string): UnstorableText[] {
  const found: UnstorableText[] = [];
  const pending: Pending[] = [{ value, pointer }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value === 'string') {
      if (!storable(next.value)) found.push({ pointer: next.pointer, message: UNSTORABLE });
    } else if (next.value !== null && typeof next.value === 'object') {
      const below = children(next.value, next.pointer);
      for (let i = below.length - 1; i >= 0; i--) pending.push(below[i] as Pending);
    }
  }
  return found;
}
