import type { Logger } from '../telemetry/logger';
import { errorFields, toError } from '../telemetry/errors';

/**
 * Counted, expiring leases under a key: at most `capacity` holders at once, each identified by a random
 * token. A lock is a lease of capacity 1; a per-tenant concurrency cap is a lease of capacity N.
 */
export interface LeaseStore {
  /**
   * Takes a lease for `token` under `key` for `ttlMs` milliseconds, after dropping expired ones.
   * @returns true when taken, false when `capacity` unexpired leases are already held.
   * @throws when the backing store is unreachable (Redis down or timed out).
   */
  tryAcquire(key: string, token: string, capacity: number, ttlMs: number): Promise<boolean>;
  /** Gives back the lease of `token` only; a no-op when it already expired. @throws when unreachable. */
  release(key: string, token: string): Promise<void>;
}

/** A lease store in this process's memory (no REDIS_URL, or Redis down): holds for one instance only. */
export function memoryLeaseStore(now: () => number = Date.now): LeaseStore {
  const leases = new Map<string, Map<string, number>>();

  const live = (key: string): Map<string, number> => {
    const holders = leases.get(key) ?? new Map<string, number>();
    for (const [token, expiresAt] of holders) if (expiresAt <= now()) holders.delete(token);
    leases.set(key, holders);
    return holders;
  };

  return {
    async tryAcquire(key, token, capacity, ttlMs) {
      const holders = live(key);
      if (holders.size >= capacity) return false;
      holders.set(token, now() + ttlMs);
      return true;
    },
    async release(key, token) {
      const holders = live(key);
      holders.delete(token);
      if (holders.size === 0) leases.delete(key);
    },
  };
}

/** The one in-process lease store every fallback of this process shares. */
export const processLeases: LeaseStore = memoryLeaseStore();

/** Releases a lease, logging instead of throwing: an unreleased lease only lingers until it expires. */
export async function releaseQuietly(store: LeaseStore, key: string, token: string, log: Logger): Promise<void> {
  try {
    await store.release(key, token);
  } catch (error) {
    log.warn('lease release failed, it expires on its own', errorFields(toError(error)));
  }
}
