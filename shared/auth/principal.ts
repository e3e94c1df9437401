import { Problem } from '../http/problem';
import type { AccessTokenClaims } from './claims';
import { tokenVersionOf } from './issuer';
import { effectiveRoles } from './roles';

/** Who is calling: a user through a delegated token, or an application through an app-only token. */
export interface Principal {
  /** 'user' for delegated tokens (scp), 'app' for app-only tokens (idtyp = app). */
  kind: 'user' | 'app';
  /** Object id (oid) of the user or the service principal. */
  objectId: string;
  /** Tenant id (tid). */
  tenantId: string;
  /** Client application id (azp or appid) that obtained the token. */
  clientAppId: string;
  /** Display name or UPN when the token carries one. */
  name?: string;
  /** Sign-in name (preferred_username or upn) when the token carries one. */
  username?: string;
  /** Roles exactly as granted in the token's `roles` claim. */
  roles: string[];
  /** Roles the principal holds, the granted ones plus every role they imply through the hierarchy. */
  effectiveRoles: string[];
  /** Delegated scopes (scp), empty for app tokens. */
  scopes: string[];
  /** Conditional Access authentication contexts satisfied (acrs). */
  authContexts: string[];
  /** Authentication methods (amr), v1 tokens only. */
  authMethods: string[];
  /** Client capabilities (xms_cc); 'cp1' means the client can answer a claims challenge. */
  clientCapabilities?: string[];
  /** Access token version: '1.0' (sts.windows.net issuer) or '2.0'; set for every authenticated principal. */
  tokenVersion?: '1.0' | '2.0';
  /** Token id (uti or jti). */
  tokenId: string;
  /** Issued-at and expiry, seconds since the epoch. */
  issuedAt: number;
  expiresAt: number;
}

/** What turning claims into a principal depends on. */
export interface PrincipalRules {
  /** The delegated scope a user token must carry in `scp` (e.g. 'access_as_user'). */
  scope: string;
  /** App roles, least privileged first; see effectiveRoles. */
  roleHierarchy: readonly string[];
}

/** Whether the token is app-only: Entra marks them with the optional `idtyp` claim. */
function kindOf(claims: AccessTokenClaims): Principal['kind'] {
  return claims.idtyp === 'app' ? 'app' : 'user';
}

function scopesOf(claims: AccessTokenClaims): string[] {
  return (claims.scp ?? '').split(' ').filter((s) => s.length > 0);
}

function insufficientScope(scope: string): Problem {
  return new Problem('forbidden', {
    detail: `Delegated tokens must carry the ${scope} scope; request it when signing in.`,
    headers: { 'www-authenticate': `Bearer error="insufficient_scope", scope="${scope}"` },
  });
}

/**
 * Builds the principal of verified access token claims. A user token must carry `rules.scope` in `scp`;
 * an app-only token (idtyp = app) is authorized by its `roles` only and its `scp` is ignored.
 * @throws Problem forbidden (403, insufficient_scope) for a user token without the API's scope.
 */
export function principalFromClaims(claims: AccessTokenClaims, rules: PrincipalRules): Principal {
  const kind = kindOf(claims);
  const scopes = kind === 'user' ? scopesOf(claims) : [];
  if (kind === 'user' && !scopes.includes(rules.scope)) throw insufficientScope(rules.scope);

  const roles = claims.roles ?? [];
  return {
    kind,
    objectId: claims.oid,
    tenantId: claims.tid,
    clientAppId: claims.azp ?? claims.appid ?? '',
    name: claims.name,
    username: claims.preferred_username ?? claims.upn,
    roles,
    effectiveRoles: effectiveRoles(roles, rules.roleHierarchy),
    scopes,
    authContexts: claims.acrs ?? [],
    authMethods: claims.amr ?? [],
    clientCapabilities: claims.xms_cc ?? [],
    tokenVersion: tokenVersionOf(claims),
    tokenId: claims.uti ?? claims.jti ?? '',
    issuedAt: claims.iat,
    expiresAt: claims.exp,
  };
}

/**
 * The principal of a request to a non-public endpoint (the pipeline authenticated it).
 * @throws Problem unauthenticated when there is none, which only a public endpoint would see.
 */
export function authenticatedPrincipal(principal: Principal | undefined): Principal {
  if (principal === undefined) throw new Problem('unauthenticated');
  return principal;
}
