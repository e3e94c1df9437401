import { Problem } from '../http/problem';

/** The WWW-Authenticate header name, lower-cased as every Signoff response header. */
export const WWW_AUTHENTICATE = 'www-authenticate';

/** 401 unauthenticated: the request carries no bearer token (RFC 6750 section 3: no error code). */
export function missingToken(): Problem {
  return new Problem('unauthenticated', { headers: { [WWW_AUTHENTICATE]: 'Bearer' } });
}

/** 401 invalid_token: the bearer token is malformed, expired, or not issued for this API. */
export function invalidToken(): Problem {
  return new Problem('invalid_token', { headers: { [WWW_AUTHENTICATE]: 'Bearer error="invalid_token"' } });
}

/** 401 token_revoked: the token was valid but its user's sessions were revoked after it was issued. */
export function revokedToken(): Problem {
  return new Problem('token_revoked', {
    headers: { [WWW_AUTHENTICATE]: 'Bearer error="invalid_token", error_description="The session was revoked"' },
  });
}

/** 503 unavailable: a dependency of authentication (identity provider metadata, revocation store) failed. */
export function authenticationUnavailable(): Problem {
  return new Problem('unavailable', { headers: { 'retry-after': '5' } });
}
