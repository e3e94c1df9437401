import { getConfig } from '../config/load';
import { coordinationMode } from '../coordination/mode';
import { getRedis } from '../coordination/redis';
import type { Logger } from '../telemetry/logger';
import { errorFields, toError } from '../telemetry/errors';
import { authenticationUnavailable, revokedToken } from './challenge';
import type { Principal } from './principal';
import { memoryRevocationStore, redisRevocationStore, type RevocationStore } from './revocationStore';

let store: Promise<RevocationStore> | undefined;

/**
 * The process's revocation store: Redis when REDIS_URL is set, else in-process (one instance only).
 * @throws ConfigError (rejects) when the configuration is invalid (production requires REDIS_URL).
 */
export function revocationStore(): Promise<RevocationStore> {
  store ??= Promise.resolve(getConfig())
    .then(coordinationMode)
    .then(getRedis)
    .then((client) =>
      client ? redisRevocationStore(client, `${getConfig().redisKeyPrefix}revoked:`) : memoryRevocationStore(),
    );
  return store;
}

/** Forgets the process's store so the next call picks it again from the configuration (tests). */
export function resetRevocationStore(): void {
  store = undefined;
}

/**
 * Refuses a principal whose sessions were revoked at or after its token was issued. Fails closed: when the
 * store cannot answer, the request is refused with 503 rather than let a revoked token through.
 * @throws Problem token_revoked (401) or unavailable (503).
 */
export async function assertNotRevoked(principal: Principal, log: Logger, from?: RevocationStore): Promise<void> {
  let revokedAt: number | undefined;
  try {
    revokedAt = await (from ?? (await revocationStore())).revokedAt(principal.tenantId, principal.objectId);
  } catch (error) {
    log.warn('revocation check failed', errorFields(toError(error)));
    throw authenticationUnavailable();
  }
  if (revokedAt !== undefined && principal.issuedAt <= revokedAt) throw revokedToken();
}

/**
 * Voids every token of the user `objectId` in `tenantId` issued up to now (seconds), on every instance that
 * shares the store. Entries outlive the longest accepted token (AUTH_MAX_TOKEN_LIFETIME_SECONDS) plus skew.
 * @returns the revocation time, seconds since the epoch.
 * @throws Problem unavailable (503) when the store cannot record it.
 */
export async function revokeSessions(
  tenantId: string,
  objectId: string,
  log: Logger,
  from?: RevocationStore,
): Promise<number> {
  const config = getConfig();
  const at = Math.floor(Date.now() / 1000);
  const ttl = config.authMaxTokenLifetimeSeconds + config.authClockSkewSeconds;
  try {
    await (from ?? (await revocationStore())).revoke(tenantId, objectId, at, ttl);
  } catch (error) {
    log.warn('revocation not recorded', errorFields(toError(error)));
    throw authenticationUnavailable();
  }
  return at;
}
