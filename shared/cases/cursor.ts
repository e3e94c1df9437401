import { createHmac, timingSafeEqual } from 'node:crypto';
import canonicalize from 'canonicalize';
import { getConfig } from '../config/load';
import { Problem } from '../http/problem';

/** What a cursor is valid for: one list of one tenant, with exactly these filters and sort order. */
export interface CursorScope {
  /** Names the list ('cases', 'case-comments:<caseId>'). */
  list: string;
  tenantId: string;
  /** The filters and sort of the query, without limit and cursor; key order does not matter. */
  query: Record<string, unknown>;
}

const VERSION = 'v1';
const MAX_POSITION_ITEMS = 8;

function scopeText(scope: CursorScope): string {
  return canonicalize({ list: scope.list, tenantId: scope.tenantId, query: scope.query }) ?? '';
}

function mac(payload: string, scope: CursorScope, secret: string): Buffer {
  return createHmac('sha256', secret)
    .update(`signoff.cursor.${VERSION}\n${scopeText(scope)}\n${payload}`)
    .digest();
}

function invalidCursor(): Problem {
  return new Problem('invalid_cursor', {
    errors: [{ pointer: '/query/cursor', message: 'is not a cursor this query gave out' }],
  });
}

function isPosition(value: unknown): value is string[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.length <= MAX_POSITION_ITEMS &&
    value.every((item) => typeof item === 'string')
  );
}

/**
 * An opaque cursor for `position` (the sort key values of the last item returned), signed with
 * HMAC-SHA256 under `secret` (CURSOR_SECRET by default) over the position and `scope`, so it can be
 * read back only for the same list, tenant, filters and sort. Base64url, no padding.
 */
export function encodeCursor(position: readonly string[], scope: CursorScope, secret = getConfig().cursorSecret) {
  const payload = Buffer.from(JSON.stringify([VERSION, ...position])).toString('base64url');
  return `${payload}.${mac(payload, scope, secret).toString('base64url')}`;
}

/**
 * The position a cursor from encodeCursor carries, once its signature checks out for `scope`.
 * @throws Problem invalid_cursor (400) for a cursor altered in any way, made for another list, tenant,
 *   filter or sort, signed with another secret, or not a cursor at all.
 */
export function decodeCursor(cursor: string, scope: CursorScope, secret = getConfig().cursorSecret): string[] {
  const [payload, signature, ...rest] = cursor.split('.');
  if (payload === undefined || signature === undefined || rest.length > 0) throw invalidCursor();

  // Compared as text: base64url decoding ignores stray characters and unused bits, the text does not.
  const expected = Buffer.from(mac(payload, scope, secret).toString('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidCursor();

  const decoded = parsed(Buffer.from(payload, 'base64url').toString('utf8'));
  if (!isPosition(decoded) || decoded[0] !== VERSION) throw invalidCursor();
  return decoded.slice(1);
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
