import { errorFields, toError } from '../telemetry/errors';
import type { Logger } from '../telemetry/logger';

/** Which use of Redis fell back to its in-process equivalent. */
export type RedisUse = 'rate-limit' | 'tenant-slots' | 'case-lock';

/** Repeated fallbacks of one use within this window are logged at debug instead of warn. */
const WARN_EVERY_MS = 30_000;

const lastWarned = new Map<RedisUse, number>();

/**
 * Logs that `use` could not reach Redis and went on without it: a warning at most every 30 s per use
 * (so an outage does not flood the log), debug lines in between.
 */
export function reportRedisFallback(use: RedisUse, error: unknown, log: Logger, now = Date.now()): void {
  const fields = { use, ...errorFields(toError(error)) };
  const last = lastWarned.get(use);
  if (last !== undefined && now - last < WARN_EVERY_MS) {
    log.debug('redis unavailable, in-process fallback', fields);
    return;
  }
  lastWarned.set(use, now);
  log.warn('redis unavailable, in-process fallback', fields);
}
