import { bearerToken, MAX_TOKEN_LENGTH } from '../../../shared/auth/bearer';
import { Problem } from '../../../shared/http/problem';

const JWS = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';

function codeOf(authorization: string | undefined): string {
  const headers = new Headers(authorization === undefined ? {} : { authorization });
  try {
    return bearerToken(headers);
  } catch (error) {
    if (error instanceof Problem) return error.code;
    throw error;
  }
}

describe('bearerToken', () => {
  it.each(['Bearer', 'bearer', 'BEARER', 'bEaReR'])('reads the token after the %s scheme', (scheme) => {
    expect(codeOf(`${scheme} ${JWS}`)).toBe(JWS);
  });

  it('answers unauthenticated when no Authorization header is sent', () => {
    expect(codeOf(undefined)).toBe('unauthenticated');
  });

  it('answers unauthenticated for a bare token or another scheme', () => {
    expect(codeOf(JWS)).toBe('unauthenticated');
    expect(codeOf('Basic dXNlcjpwYXNz')).toBe('unauthenticated');
  });

  it('answers invalid_token for a Bearer header that is not one compact JWS', () => {
    expect(codeOf('Bearer')).toBe('invalid_token');
    expect(codeOf(`Bearer ${JWS} ${JWS}`)).toBe('invalid_token');
    expect(codeOf('Bearer not-a-jwt')).toBe('invalid_token');
    expect(codeOf('Bearer a.b.c.d.e')).toBe('invalid_token');
  });

  it('refuses a token over the length limit before looking at it', () => {
    expect(codeOf(`Bearer ${'a'.repeat(MAX_TOKEN_LENGTH + 1)}`)).toBe('invalid_token');
    expect(codeOf(`Bearer ${'a'.repeat(100_000)}`)).toBe('invalid_token');
  });

  it('tells the client which scheme to use in WWW-Authenticate', () => {
    try {
      bearerToken(new Headers());
    } catch (error) {
      expect((error as Problem).headers['www-authenticate']).toBe('Bearer');
    }
    expect.assertions(1);
  });
});
