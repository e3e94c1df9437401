import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** SHA-256 (hex) of UTF-8 `text`. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The fingerprint of a request payload: SHA-256 (hex) of its RFC 8785 canonical JSON, so key order and
 * number spelling do not matter; an absent body counts as `null`.
 */
export function requestFingerprint(body: unknown): string {
  return sha256Hex(canonicalize(body ?? null) ?? 'null');
}
