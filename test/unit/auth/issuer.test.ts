import type { AccessTokenClaims } from '../../../shared/auth/claims';
import {
  allowedTenants,
  expectedIssuer,
  IssuerConfigMismatch,
  issuerMatches,
  tokenVersionOf,
} from '../../../shared/auth/issuer';

const T1 = '11111111-2222-4333-8444-555555555555';
const T2 = '99999999-8888-4777-8666-555555555555';
const MULTI = 'https://login.microsoftonline.com/{tenantid}/v2.0';
const SINGLE = `https://login.microsoftonline.com/${T1}/v2.0`;

function claims(iss: string, tid: string, ver?: '1.0' | '2.0'): AccessTokenClaims {
  return { iss, tid, ver, aud: 'x', oid: 'o', iat: 0, exp: 1 };
}

describe('issuers', () => {
  it('fills the tenant into multi-tenant metadata for v2 tokens', () => {
    expect(expectedIssuer(MULTI, T2, '2.0')).toBe(`https://login.microsoftonline.com/${T2}/v2.0`);
  });

  it('expects the sts.windows.net issuer of the tenant for v1 tokens', () => {
    expect(expectedIssuer(MULTI, T2, '1.0')).toBe(`https://sts.windows.net/${T2}/`);
  });

  it('accepts a token whose iss is its own tenant’s issuer', () => {
    expect(issuerMatches(claims(`https://login.microsoftonline.com/${T2}/v2.0`, T2, '2.0'), MULTI)).toBe(true);
    expect(issuerMatches(claims(`https://sts.windows.net/${T1}/`, T1, '1.0'), SINGLE)).toBe(true);
  });

  it('refuses a token whose iss names another tenant than its tid', () => {
    expect(issuerMatches(claims(`https://login.microsoftonline.com/${T1}/v2.0`, T2, '2.0'), MULTI)).toBe(false);
  });

  it('refuses a v1 token of another tenant than single-tenant metadata names', () => {
    expect(issuerMatches(claims(`https://sts.windows.net/${T2}/`, T2, '1.0'), SINGLE)).toBe(false);
  });

  it('infers the version from the issuer when ver is absent', () => {
    expect(tokenVersionOf({ iss: `https://sts.windows.net/${T1}/` })).toBe('1.0');
    expect(tokenVersionOf({ iss: SINGLE })).toBe('2.0');
  });
});

describe('allowedTenants', () => {
  it('uses the configured allow-list, case-insensitively', () => {
    expect(allowedTenants(MULTI, [T1.toUpperCase(), T2])).toEqual([T1, T2]);
  });

  it('defaults to the one tenant of single-tenant metadata', () => {
    expect(allowedTenants(SINGLE, undefined)).toEqual([T1]);
  });

  it('refuses multi-tenant metadata without an allow-list', () => {
    expect(() => allowedTenants(MULTI, undefined)).toThrow(IssuerConfigMismatch);
  });
});
