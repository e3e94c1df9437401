import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { isAccessTokenClaims, type AccessTokenClaims } from './claims';
import { createDiscovery, IdentityProviderUnavailable, type OidcMetadata } from './discovery';
import { allowedTenants, issuerMatches } from './issuer';

/** What a token must satisfy besides its signature. */
export interface VerifierSettings {
  /** OpenID Connect discovery document URL (AUTH_METADATA_URL). */
  metadataUrl: string;
  /** Accepted `aud` values: the API's client id and/or App ID URI. */
  audiences: readonly string[];
  /** Accepted tenants; undefined means the one tenant a single-tenant issuer names. */
  tenantIds: readonly string[] | undefined;
  clockSkewSeconds: number;
  /** Longest accepted `exp - iat`. */
  maxTokenLifetimeSeconds: number;
  /** Least time between two JWKS fetches caused by unknown key ids. */
  jwksCooldownSeconds: number;
}

/** Why a token was refused; a stable word for logs (never the token itself). */
export type RefusalReason = 'signature' | 'expired' | 'claims' | 'issuer' | 'tenant' | 'lifetime' | 'unknown_key';

/** Thrown by a verifier for a token that is not acceptable. */
export class TokenRefused extends Error {
  constructor(readonly reason: RefusalReason) {
    super(`Token refused: ${reason}`);
    this.name = 'TokenRefused';
  }
}

/** Verifies one compact JWS access token and returns its claims. */
export type TokenVerifier = (token: string) => Promise<AccessTokenClaims>;

const JOSE_REFUSALS: Record<string, RefusalReason> = {
  [errors.JWTExpired.code]: 'expired',
  [errors.JWTClaimValidationFailed.code]: 'claims',
  [errors.JWTInvalid.code]: 'claims',
  [errors.JWSInvalid.code]: 'signature',
  [errors.JWSSignatureVerificationFailed.code]: 'signature',
  [errors.JOSEAlgNotAllowed.code]: 'signature',
  [errors.JOSENotSupported.code]: 'signature',
  [errors.JWKSNoMatchingKey.code]: 'unknown_key',
  [errors.JWKSMultipleMatchingKeys.code]: 'unknown_key',
};

/** Maps a jose failure to a refusal, or to IdentityProviderUnavailable when the key set could not be read. */
function classify(error: unknown): Error {
  if (error instanceof errors.JOSEError) {
    const reason = JOSE_REFUSALS[error.code];
    if (reason !== undefined) return new TokenRefused(reason);
    return new IdentityProviderUnavailable(error.code);
  }
  if (error instanceof TokenRefused || error instanceof IdentityProviderUnavailable) return error;
  return new IdentityProviderUnavailable(error instanceof Error ? error.name : 'key set failure');
}

function keySetFor(settings: VerifierSettings) {
  let current: { uri: string; keys: ReturnType<typeof createRemoteJWKSet> } | undefined;
  return (metadata: OidcMetadata) => {
    if (current?.uri !== metadata.jwks_uri) {
      const keys = createRemoteJWKSet(new URL(metadata.jwks_uri), {
        cooldownDuration: settings.jwksCooldownSeconds * 1000,
        cacheMaxAge: 3_600_000,
        timeoutDuration: 5_000,
      });
      current = { uri: metadata.jwks_uri, keys };
    }
    return current.keys;
  };
}

function checkClaims(
  payload: JWTPayload,
  metadata: OidcMetadata,
  tenants: readonly string[],
  settings: VerifierSettings,
): AccessTokenClaims {
  if (!isAccessTokenClaims(payload)) throw new TokenRefused('claims');
  if (payload.exp - payload.iat > settings.maxTokenLifetimeSeconds) throw new TokenRefused('lifetime');
  if (!issuerMatches(payload, metadata.issuer)) throw new TokenRefused('issuer');
  if (!tenants.includes(payload.tid.toLowerCase())) throw new TokenRefused('tenant');
  return payload;
}

/**
 * A verifier for access tokens of the identity provider at `settings.metadataUrl`: RS256 signature by a
 * key of its JWKS (fetched through discovery, cached; an unknown kid refetches at most once per cooldown),
 * audience, exp/nbf/iat with the configured skew, issuer of the token's own tenant, tenant allow-list.
 * @throws TokenRefused for a token that fails any check; IdentityProviderUnavailable when the metadata or
 *   keys cannot be fetched; IssuerConfigMismatch, before any token check, when the metadata turns out
 *   multi-tenant and AUTH_TENANT_IDS is unset.
 */
export function createTokenVerifier(settings: VerifierSettings): TokenVerifier {
  const discover = createDiscovery(settings.metadataUrl);
  const keySet = keySetFor(settings);

  return async (token) => {
    const metadata = await discover();
    const tenants = allowedTenants(metadata.issuer, settings.tenantIds);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySet(metadata), {
        algorithms: ['RS256'],
        audience: [...settings.audiences],
        clockTolerance: settings.clockSkewSeconds,
        maxTokenAge: settings.maxTokenLifetimeSeconds,
        requiredClaims: ['exp', 'iat', 'tid', 'oid'],
      }));
    } catch (error) {
      throw classify(error);
    }
    return checkClaims(payload, metadata, tenants, settings);
  };
}
