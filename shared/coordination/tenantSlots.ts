import { randomUUID } from 'node:crypto';
import { getConfig } from '../config/load';
import { Problem } from '../http/problem';
import type { Logger } from '../telemetry/logger';
import { reportRedisFallback } from './fallback';
import { processLeases, releaseQuietly, type LeaseStore } from './leaseStore';
import { redisKey } from './keys';
import { redisLeaseStore } from './redisLeaseStore';
import { getRedis } from './redis';

/** Lease of one slot in ms: a crashed instance's slots free themselves after this long. */
export const TENANT_SLOT_TTL_MS = 120_000;

/** Seconds a caller refused a slot is told to wait. */
const RETRY_AFTER_SECONDS = '1';

async function takeSlot(key: string, token: string, capacity: number, log: Logger): Promise<LeaseStore> {
  const redis = await getRedis();
  let store = redis === undefined ? processLeases : redisLeaseStore(redis);
  let taken: boolean;
  try {
    taken = await store.tryAcquire(key, token, capacity, TENANT_SLOT_TTL_MS);
  } catch (error) {
    if (store === processLeases) throw error;
    reportRedisFallback('tenant-slots', error, log);
    store = processLeases;
    taken = await store.tryAcquire(key, token, capacity, TENANT_SLOT_TTL_MS);
  }

  if (!taken) {
    log.info('tenant concurrency cap reached', { capacity });
    throw new Problem('rate_limited', {
      detail: 'Your tenant has too many list or search calls in flight; retry after the Retry-After delay.',
      headers: { 'retry-after': RETRY_AFTER_SECONDS },
    });
  }
  return store;
}

/**
 * Runs `fn` in one of TENANT_CONCURRENCY slots of tenant `tenantId`, shared by every instance through
 * Redis (in-process without REDIS_URL, or while Redis is unreachable). Full slots refuse at once
 * rather than queue. Returns or throws what `fn` does.
 * @throws Problem rate_limited (429, Retry-After) when every slot of the tenant is taken.
 */
export async function withTenantSlot<T>(tenantId: string, fn: () => Promise<T>, log: Logger): Promise<T> {
  const key = redisKey('slots', tenantId.toLowerCase());
  const token = randomUUID();
  const store = await takeSlot(key, token, getConfig().tenantConcurrency, log);
  try {
    return await fn();
  } finally {
    await releaseQuietly(store, key, token, log);
  }
}
