import { createClient } from 'redis';

/** Deletes every Redis key below `prefix`, over a short-lived connection of its own (test clean-up). */
export async function deleteRedisKeys(prefix: string, url = process.env['REDIS_URL']): Promise<void> {
  const redis = await createClient({ url }).connect();
  try {
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) await redis.del(keys);
    }
  } finally {
    await redis.close();
  }
}
