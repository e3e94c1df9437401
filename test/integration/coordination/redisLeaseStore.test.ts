import { randomUUID } from 'node:crypto';
import { connectRedis, type RedisClient } from '../../../shared/coordination/redis';
import { redisLeaseStore } from '../../../shared/coordination/redisLeaseStore';
import { createLogger } from '../../../shared/telemetry/logger';

const prefix = `test:lease:${randomUUID()}:`;
let client: RedisClient;

beforeAll(async () => {
  client = await connectRedis(
    'redis://127.0.0.1:6379',
    createLogger(() => undefined),
  );
});

afterAll(async () => {
  const keys = await client.keys(`${prefix}*`);
  if (keys.length > 0) await client.del(keys);
  await client.close();
});

describe('redisLeaseStore', () => {
  it('lets exactly capacity of many simultaneous callers in', async () => {
    const store = redisLeaseStore(client);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => store.tryAcquire(`${prefix}race`, randomUUID(), 3, 10_000)),
    );

    expect(results.filter(Boolean)).toHaveLength(3);
  });

  it('frees the place of an expired lease and lets the key itself expire', async () => {
    const store = redisLeaseStore(client);
    expect(await store.tryAcquire(`${prefix}short`, 'a', 1, 100)).toBe(true);
    expect(await store.tryAcquire(`${prefix}short`, 'b', 1, 100)).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await client.exists(`${prefix}short`)).toBe(0);
    expect(await store.tryAcquire(`${prefix}short`, 'b', 1, 10_000)).toBe(true);
  });

  it('releases only the lease of the token given, never the current holder of an expired one', async () => {
    const store = redisLeaseStore(client);
    expect(await store.tryAcquire(`${prefix}token`, 'first', 1, 100)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await store.tryAcquire(`${prefix}token`, 'second', 1, 10_000)).toBe(true);

    await store.release(`${prefix}token`, 'first');

    expect(await store.tryAcquire(`${prefix}token`, 'third', 1, 10_000)).toBe(false);
    await store.release(`${prefix}token`, 'second');
    expect(await store.tryAcquire(`${prefix}token`, 'third', 1, 10_000)).toBe(true);
  });
});
