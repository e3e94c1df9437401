import { Problem } from '../http/problem';

/** The request header carrying the key (draft-ietf-httpapi-idempotency-key-header), lower-case. */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** Response header marking a replayed response. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The Idempotency-Key of a request, or undefined when absent. The draft sends it as a structured-field
 * string (`"8e03978e-..."`); a bare token is accepted too. Either way it must be 1 to 255 visible ASCII
 * characters.
 * @throws Problem validation_failed when the header is present but malformed.
 */
export function idempotencyKeyOf(headers: Headers): string | undefined {
  const raw = headers.get(IDEMPOTENCY_KEY_HEADER);
  if (raw === null) return undefined;

  const trimmed = raw.trim();
  const quoted = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"');
  const key = quoted ? trimmed.slice(1, -1) : trimmed;
  if (!KEY.test(key) || key.includes('"')) {
    throw new Problem('validation_failed', {
      errors: [{ pointer: '/headers/idempotency-key', message: 'must be 1 to 255 visible ASCII characters' }],
    });
  }
  return key;
}
