import { getConfig } from '../config/load';
import { getOrm } from '../db/orm';
import { Problem } from '../http/problem';
import type { Logger } from '../telemetry/logger';

/** What the load shedder reads from the `pg` pool behind MikroORM. */
export interface PoolStats {
  /** Requests waiting for a connection. */
  waitingCount: number;
  /** Connections open, busy or idle. */
  totalCount: number;
  /** Connections open and idle. */
  idleCount: number;
}

/** Seconds a shed caller is told to wait. */
const RETRY_AFTER_SECONDS = '2';

/** The pool's counters, read from the process's ORM (opens the pool when it is not open yet). */
export async function databasePoolStats(): Promise<PoolStats> {
  const pool = await (await getOrm()).em.getConnection().getNativeClient();
  return { waitingCount: pool.waitingCount, totalCount: pool.totalCount, idleCount: pool.idleCount };
}

/** True when `queueLimit` or more requests wait for a connection (DATABASE_QUEUE_LIMIT). */
export function isSaturated(stats: PoolStats, queueLimit: number): boolean {
  return stats.waitingCount >= queueLimit;
}

/**
 * Refuses the request up front while the database pool is saturated, so overload answers fast with
 * 503 instead of growing an unbounded queue of requests that would time out anyway. `stats` reads the
 * pool (the process's ORM by default).
 * @throws Problem unavailable (503, Retry-After) when saturated.
 */
export async function shedIfSaturated(log: Logger, stats: () => Promise<PoolStats> = databasePoolStats) {
  // A pool that cannot even be read (database down) is not shed here: the handler's query reports that.
  const current = await stats().catch(() => undefined);
  if (current === undefined || !isSaturated(current, getConfig().databaseQueueLimit)) return;

  log.warn('database pool saturated, request shed', { ...current });
  throw new Problem('unavailable', {
    detail: 'The service is overloaded; retry after the Retry-After delay.',
    headers: { 'retry-after': RETRY_AFTER_SECONDS },
  });
}
