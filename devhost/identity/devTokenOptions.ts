/** What a dev token says; every field has an Entra-like default. Offsets are seconds from now. */
export interface DevTokenOptions {
  /** User name (or app name with `app`); decides the deterministic oid. Default 'alice'. */
  user?: string;
  /** App roles (`roles` claim). */
  roles?: string[];
  /** An app-only token (idtyp = app, no scp) instead of a delegated user token. */
  app?: boolean;
  /** Tenant id (`tid`, and the issuer's tenant). Default: the provider's tenant. */
  tenant?: string;
  /** Space-separated delegated scopes (`scp`). Default 'access_as_user'; '' leaves the claim out. */
  scp?: string;
  /** Auth context ids satisfied (`acrs`), e.g. ['c1'] after a step-up. */
  acrs?: string[];
  /** Authentication methods (`amr`), v1 tokens, e.g. ['pwd', 'mfa']. */
  amr?: string[];
  /** Token version: '2.0' (default) or '1.0' (sts.windows.net issuer, appid, upn). */
  version?: '1.0' | '2.0';
  /** Lifetime from iat to exp in seconds (negative gives a token already expired). Default 3600. */
  ttlSeconds?: number;
  /** iat relative to now (negative: issued in the past). Default 0. */
  issuedAtOffsetSeconds?: number;
  /** nbf relative to now (positive: not yet valid). Default: equal to iat. */
  notBeforeOffsetSeconds?: number;
  /** `aud`. Default: the provider's audience. */
  audience?: string;
  /** `iss`, overriding the one derived from the tenant. */
  issuer?: string;
  /** Client application id (`azp`, or `appid` in v1). Default: the dev client (or the app's own id). */
  clientAppId?: string;
  /** Client capabilities (`xms_cc`). Default ['cp1'] for user tokens. */
  capabilities?: string[];
  /** `kid` header, overriding the signing key's id (an unknown kid makes the token unverifiable). */
  kid?: string;
  /** Extra claims, merged last (they override the computed ones). */
  claims?: Record<string, unknown>;
}
