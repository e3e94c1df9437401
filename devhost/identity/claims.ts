import { createHash, randomUUID } from 'node:crypto';
import { DEV_CLIENT_APP_ID, DEV_ISSUER_ORIGIN, DEV_SCOPE, DEV_TOKEN_TTL_SECONDS } from './defaults';
import type { DevTokenOptions } from './devTokenOptions';

/** A GUID derived from `seed` (SHA-256, version 5 layout): the same name always gets the same id. */
export function deterministicGuid(seed: string): string {
  const bytes = createHash('sha256').update(seed).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The object id a dev user (or app) of a tenant gets, the same on every run. */
export function devObjectId(tenantId: string, name: string, app = false): string {
  return deterministicGuid(`${app ? 'app' : 'user'}:${tenantId.toLowerCase()}:${name}`);
}

/** The v2 issuer of a dev tenant. */
export function devIssuer(tenantId: string): string {
  return `${DEV_ISSUER_ORIGIN}/${tenantId}/v2.0`;
}

function displayName(user: string): string {
  return user.charAt(0).toUpperCase() + user.slice(1);
}

function times(options: DevTokenOptions) {
  const now = Math.floor(Date.now() / 1000);
  const iat = now + (options.issuedAtOffsetSeconds ?? 0);
  const nbf = options.notBeforeOffsetSeconds === undefined ? iat : now + options.notBeforeOffsetSeconds;
  return { iat, nbf, exp: iat + (options.ttlSeconds ?? DEV_TOKEN_TTL_SECONDS) };
}

function identityClaims(options: DevTokenOptions, tenantId: string): Record<string, unknown> {
  const user = options.user ?? 'alice';
  const oid = devObjectId(tenantId, user, options.app);
  if (options.app) {
    return { oid, sub: oid, idtyp: 'app', client: options.clientAppId ?? deterministicGuid(`client:${user}`) };
  }
  const scp = options.scp ?? DEV_SCOPE;
  return {
    oid,
    sub: deterministicGuid(`sub:${oid}`),
    idtyp: 'user',
    client: options.clientAppId ?? DEV_CLIENT_APP_ID,
    name: displayName(user),
    username: `${user}@signoff.dev`,
    ...(scp === '' ? {} : { scp }),
    xms_cc: options.capabilities ?? ['cp1'],
  };
}

/** Renames the v2 spellings to v1 ones where Entra's v1 tokens differ (issuer, appid, upn). */
function versioned(claims: Record<string, unknown>, version: '1.0' | '2.0', tenantId: string) {
  const { client, username, ...rest } = claims;
  if (version === '2.0') return { ...rest, iss: devIssuer(tenantId), azp: client, preferred_username: username };
  return { ...rest, iss: `https://sts.windows.net/${tenantId}/`, appid: client, upn: username };
}

/** The claims of a dev access token, shaped like Entra's (v2 unless asked for v1). */
export function devTokenClaims(options: DevTokenOptions, defaults: { tenantId: string; audience: string }) {
  const tenantId = options.tenant ?? defaults.tenantId;
  const version = options.version ?? '2.0';
  const identity = versioned(identityClaims(options, tenantId), version, tenantId);
  return {
    aud: options.audience ?? defaults.audience,
    ...identity,
    ...(options.issuer === undefined ? {} : { iss: options.issuer }),
    tid: tenantId,
    ver: version,
    uti: randomUUID().replace(/-/g, '').slice(0, 22),
    ...times(options),
    ...(options.roles && options.roles.length > 0 ? { roles: options.roles } : {}),
    ...(options.acrs && options.acrs.length > 0 ? { acrs: options.acrs } : {}),
    ...(options.amr && options.amr.length > 0 ? { amr: options.amr } : {}),
    ...options.claims,
  };
}
