import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../telemetry/logger';
import { reportRedisFallback } from './fallback';
import { processLeases, releaseQuietly, type LeaseStore } from './leaseStore';
import { coordinationLog } from './log';
import { redisKey } from './keys';
import { redisLeaseStore } from './redisLeaseStore';
import { getRedis } from './redis';

/** Tuning of withCaseLock; defaults suit a transition (a few database round trips). */
export interface CaseLockOptions {
  /** Longest wait for the lock before going on without it, in ms (default 2000). */
  waitMs?: number;
  /** Lease length in ms (default 15000): a crashed holder blocks others at most this long. */
  ttlMs?: number;
  log?: Logger;
}

/** Default longest wait for a case lock, in milliseconds. */
export const CASE_LOCK_WAIT_MS = 2_000;
/** Default lease of a case lock, in milliseconds. */
export const CASE_LOCK_TTL_MS = 15_000;

async function lockStore(): Promise<LeaseStore> {
  const redis = await getRedis();
  return redis === undefined ? processLeases : redisLeaseStore(redis);
}

function pollDelay(remainingMs: number): number {
  return Math.max(1, Math.min(remainingMs, 20 + Math.random() * 40));
}

async function acquireWithin(store: LeaseStore, key: string, token: string, options: Required<CaseLockOptions>) {
  const deadline = Date.now() + options.waitMs;
  try {
    while (!(await store.tryAcquire(key, token, 1, options.ttlMs))) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        options.log.info('case lock wait expired, proceeding unlocked', { waitedMs: options.waitMs });
        return false;
      }
      await sleep(pollDelay(remaining));
    }
    return true;
  } catch (error) {
    reportRedisFallback('case-lock', error, options.log);
    return false;
  }
}

/**
 * Runs `fn` while holding the lock of case `caseId`, so concurrent transitions of one case queue up
 * instead of racing into doomed transactions. It is an efficiency measure only: correctness stays with
 * the case's version check. It never hangs and never fails because of the lock: after `waitMs`, or when
 * Redis is unreachable, `fn` runs without it (logged). Released with a token check in a `finally`.
 * Without REDIS_URL the lock is in-process (one instance). Returns or throws what `fn` does.
 */
export async function withCaseLock<T>(caseId: string, fn: () => Promise<T>, options: CaseLockOptions = {}): Promise<T> {
  const settings: Required<CaseLockOptions> = {
    waitMs: options.waitMs ?? CASE_LOCK_WAIT_MS,
    ttlMs: options.ttlMs ?? CASE_LOCK_TTL_MS,
    log: (options.log ?? coordinationLog()).child({ caseId }),
  };
  const store = await lockStore();
  const key = redisKey('lock', 'case', caseId);
  const token = randomUUID();

  const held = await acquireWithin(store, key, token, settings);
  try {
    return await fn();
  } finally {
    if (held) await releaseQuietly(store, key, token, settings.log);
  }
}
