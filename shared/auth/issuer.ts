import type { AccessTokenClaims } from './claims';

/** The placeholder Entra's multi-tenant metadata puts in its issuer. */
export const TENANT_PLACEHOLDER = '{tenantid}';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const V1_ISSUER_PREFIX = 'https://sts.windows.net/';

/** The access token version: its `ver` claim, else inferred from the issuer. */
export function tokenVersionOf(claims: Pick<AccessTokenClaims, 'ver' | 'iss'>): '1.0' | '2.0' {
  if (claims.ver !== undefined) return claims.ver;
  return claims.iss.startsWith(V1_ISSUER_PREFIX) ? '1.0' : '2.0';
}

/** The tenant id a concrete issuer names in its path (a GUID segment), if any. */
export function issuerTenant(issuer: string): string | undefined {
  const segments = URL.canParse(issuer) ? new URL(issuer).pathname.split('/') : [];
  return segments.find((segment) => GUID.test(segment))?.toLowerCase();
}

/**
 * The issuer a token of tenant `tenantId` must carry. v2 tokens: the metadata's issuer with its
 * {tenantid} placeholder filled in; v1 tokens: https://sts.windows.net/{tid}/.
 */
export function expectedIssuer(metadataIssuer: string, tenantId: string, version: '1.0' | '2.0'): string {
  if (version === '1.0') return `${V1_ISSUER_PREFIX}${tenantId}/`;
  return metadataIssuer.replace(TENANT_PLACEHOLDER, tenantId);
}

/**
 * Whether the token's issuer is the one its own `tid` calls for and, when the metadata names one
 * tenant, that tenant is the token's: a token whose `iss` and `tid` disagree is refused.
 */
export function issuerMatches(claims: AccessTokenClaims, metadataIssuer: string): boolean {
  const expected = expectedIssuer(metadataIssuer, claims.tid, tokenVersionOf(claims));
  if (claims.iss !== expected) return false;
  const named = issuerTenant(metadataIssuer);
  return named === undefined || named === claims.tid.toLowerCase();
}

/**
 * Thrown when the identity provider's metadata does not fit the configuration, which loadConfig could not
 * tell from the URL alone: a multi-tenant issuer with AUTH_TENANT_IDS unset. A deployment fault, never
 * the caller's: authentication answers 503 and logs an error.
 */
export class IssuerConfigMismatch extends Error {
  constructor(readonly reason: string) {
    super(`The identity provider's metadata does not fit the configuration: ${reason}`);
    this.name = 'IssuerConfigMismatch';
  }
}

/**
 * The tenants whose tokens are accepted: `configured` when given, else the one tenant a single-tenant
 * issuer names.
 * @throws IssuerConfigMismatch when neither says which tenants to trust (multi-tenant metadata, no allow-list).
 */
export function allowedTenants(metadataIssuer: string, configured: readonly string[] | undefined): string[] {
  if (configured !== undefined && configured.length > 0) return configured.map((t) => t.toLowerCase());
  const named = metadataIssuer.includes(TENANT_PLACEHOLDER) ? undefined : issuerTenant(metadataIssuer);
  if (named === undefined) {
    throw new IssuerConfigMismatch('the issuer names no single tenant and AUTH_TENANT_IDS is unset');
  }
  return [named];
}
