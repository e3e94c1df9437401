import { invalidToken, missingToken } from './challenge';

/** Longest bearer token accepted, in characters; longer ones are refused before any parsing. */
export const MAX_TOKEN_LENGTH = 8192;

const BEARER = /^bearer +(\S+) *$/i;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * The bearer token of a request, from the Authorization header only (a token in the query string or the
 * body is never read). The scheme is case-insensitive.
 * @throws Problem unauthenticated when no bearer credentials are sent (no header, another scheme);
 *   invalid_token when the token is over MAX_TOKEN_LENGTH or not a compact JWS.
 */
export function bearerToken(headers: Headers): string {
  const header = headers.get('authorization');
  if (header === null) throw missingToken();
  if (header.length > MAX_TOKEN_LENGTH + 16) throw invalidToken();

  const match = BEARER.exec(header);
  if (!match) {
    if (/^bearer\b/i.test(header)) throw invalidToken();
    throw missingToken();
  }

  const token = match[1]!;
  if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) throw invalidToken();
  return token;
}
