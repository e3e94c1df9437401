import type { RedisClient } from '../coordination/redis';

/** Where session revocations live: per user (tenant + object id), the time before which tokens are void. */
export interface RevocationStore {
  /**
   * When the sessions of the user were last revoked, seconds since the epoch, or undefined.
   * @throws whatever the backing store throws when it is unreachable; callers must not treat that as "no".
   */
  revokedAt(tenantId: string, objectId: string): Promise<number | undefined>;
  /** Records that every token of the user issued at or before `atSeconds` is void, for `ttlSeconds`. */
  revoke(tenantId: string, objectId: string, atSeconds: number, ttlSeconds: number): Promise<void>;
}

function keyOf(prefix: string, tenantId: string, objectId: string): string {
  return `${prefix}${tenantId.toLowerCase()}:${objectId.toLowerCase()}`;
}

/** A store shared by every instance through Redis; entries expire on their own after their ttl. */
export function redisRevocationStore(client: RedisClient, prefix = 'signoff:revoked:'): RevocationStore {
  return {
    async revokedAt(tenantId, objectId) {
      const value = await client.get(keyOf(prefix, tenantId, objectId));
      return value === null ? undefined : Number(value);
    },
    async revoke(tenantId, objectId, atSeconds, ttlSeconds) {
      await client.set(keyOf(prefix, tenantId, objectId), String(atSeconds), {
        expiration: { type: 'EX', value: ttlSeconds },
      });
    },
  };
}

/** A store for a single process (no REDIS_URL): revocations reach this instance only. */
export function memoryRevocationStore(now: () => number = Date.now): RevocationStore {
  const entries = new Map<string, { at: number; expiresAtMs: number }>();
  return {
    async revokedAt(tenantId, objectId) {
      const key = keyOf('', tenantId, objectId);
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.expiresAtMs > now()) return entry.at;
      entries.delete(key);
      return undefined;
    },
    async revoke(tenantId, objectId, atSeconds, ttlSeconds) {
      entries.set(keyOf('', tenantId, objectId), { at: atSeconds, expiresAtMs: now() + ttlSeconds * 1000 });
    },
  };
}
