import { getConfig } from '../config/load';

/** A Redis key below REDIS_KEY_PREFIX: `prefix + parts joined by ':'`. Parts are validated ids, never raw header values. */
export function redisKey(...parts: string[]): string {
  return `${getConfig().redisKeyPrefix}${parts.join(':')}`;
}
