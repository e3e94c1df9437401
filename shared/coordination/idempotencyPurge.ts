import type { EntityManager } from '@mikro-orm/postgresql';
import { getOrm } from '../db/orm';
import { errorFields, toError } from '../telemetry/errors';
import type { Logger } from '../telemetry/logger';
import { deleteExpiredRecords } from './idempotencyStore';

/** Rows deleted per statement, so one purge never holds long locks or a huge transaction. */
export const PURGE_BATCH = 1_000;

/** Upper bound of batches in one run; what is left waits for the next run. */
const MAX_BATCHES = 100;

/**
 * Deletes every expired Idempotency-Key record (older than 24 hours), in batches of PURGE_BATCH.
 * Records are also ignored once expired, so a late purge never changes an answer; it only frees space.
 * @returns how many records were deleted.
 */
export async function purgeExpiredIdempotencyKeys(em: EntityManager, batch = PURGE_BATCH): Promise<number> {
  let total = 0;
  for (let round = 0; round < MAX_BATCHES; round += 1) {
    const deleted = await deleteExpiredRecords(em, batch);
    total += deleted;
    if (deleted < batch) break;
  }
  return total;
}

/**
 * One run of the purge timer: deletes expired records through a fresh EntityManager of the process's
 * ORM and logs how many went. Rethrows a failure (logged first) so the host records the run as failed;
 * the next run retries.
 */
export async function runIdempotencyPurge(log: Logger): Promise<number> {
  const started = performance.now();
  try {
    const em = (await getOrm()).em.fork() as EntityManager;
    const deleted = await purgeExpiredIdempotencyKeys(em);
    log.info('idempotency keys purged', { deleted, ms: Math.round(performance.now() - started) });
    return deleted;
  } catch (error) {
    log.error('idempotency purge failed', errorFields(toError(error)));
    throw error;
  }
}
