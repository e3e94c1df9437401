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
  /** Token id (uti or jti). */
  tokenId: string;
  /** Issued-at and expiry, seconds since the epoch. */
  issuedAt: number;
  expiresAt: number;
}
