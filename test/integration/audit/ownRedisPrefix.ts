import { randomUUID } from 'node:crypto';
import { deleteRedisKeys } from '../../support/redisKeys';

/** A Redis key prefix for one test file, set as REDIS_KEY_PREFIX until `release`. */
export interface OwnRedisPrefix {
  prefix: string;
  /** Deletes every key under the prefix and restores REDIS_KEY_PREFIX. */
  release(): Promise<void>;
}

/**
 * Gives the calling test file its own REDIS_KEY_PREFIX (rate limits, locks, idempotency), so runs and
 * files never share quotas. Call before startTestApp, which reads the configuration.
 */
export function ownRedisPrefix(label: string): OwnRedisPrefix {
  const saved = process.env['REDIS_KEY_PREFIX'];
  const prefix = `test:${label}:${randomUUID()}:`;
  process.env['REDIS_KEY_PREFIX'] = prefix;
  return {
    prefix,
    release: async () => {
      if (saved === undefined) delete process.env['REDIS_KEY_PREFIX'];
      else process.env['REDIS_KEY_PREFIX'] = saved;
      await deleteRedisKeys(prefix);
    },
  };
}
