import { randomUUID } from 'node:crypto';
import { resetConfig } from '../../../shared/config/load';
import { consumeQuota } from '../../../shared/coordination/rateLimiter';
import type { RateLimitPolicy } from '../../../shared/coordination/rateLimitPolicy';
import { connectRedis, type RedisClient } from '../../../shared/coordination/redis';
import { createLogger, type LogFields } from '../../../shared/telemetry/logger';

const prefix = `test:rl:${randomUUID()}:`;
const quiet = createLogger(() => undefined);
const policy = (name: string, quota = 10): RateLimitPolicy => ({
  name,
  rateClass: 'write',
  scope: 'user',
  quota,
  windowSeconds: 60,
});
const fastTimings = { commandTimeoutMs: 200, connectTimeoutMs: 200, pingIntervalMs: 60_000, firstConnectWaitMs: 200 };

let instanceA: RedisClient;
let instanceB: RedisClient;

beforeAll(async () => {
  process.env['REDIS_KEY_PREFIX'] = prefix;
  resetConfig();
  instanceA = await connectRedis('redis://127.0.0.1:6379', quiet);
  instanceB = await connectRedis('redis://127.0.0.1:6379', quiet);
});

afterAll(async () => {
  const keys = await instanceA.keys(`${prefix}*`);
  if (keys.length > 0) await instanceA.del(keys);
  await instanceA.close();
  await instanceB.close();
  delete process.env['REDIS_KEY_PREFIX'];
  resetConfig();
});

describe('consumeQuota with Redis', () => {
  it('shares one counter between instances: 10 of 30 requests pass a quota of 10', async () => {
    const shared = policy('shared');
    const clients = [instanceA, instanceB, instanceA];
    const usages = await Promise.all(
      Array.from({ length: 30 }, (_, i) => consumeQuota(shared, 'tenant:alice', clients[i % 3], quiet)),
    );

    expect(usages.filter((u) => u.allowed)).toHaveLength(10);
    expect(usages.filter((u) => !u.allowed).every((u) => u.remaining === 0 && u.resetSeconds > 0)).toBe(true);
    expect(await instanceA.keys(`${prefix}rl:shared*`)).toHaveLength(1);
  });

  it('counts each subject on its own', async () => {
    const own = policy('own', 1);

    expect((await consumeQuota(own, 'tenant:alice', instanceA, quiet)).allowed).toBe(true);
    expect((await consumeQuota(own, 'tenant:bob', instanceB, quiet)).allowed).toBe(true);
    expect((await consumeQuota(own, 'tenant:alice', instanceB, quiet)).allowed).toBe(false);
  });

  it('reports the remaining requests and the seconds to the reset of the window', async () => {
    const counted = policy('counted', 5);
    await consumeQuota(counted, 'tenant:alice', instanceA, quiet);
    const usage = await consumeQuota(counted, 'tenant:alice', instanceA, quiet);

    expect(usage).toMatchObject({ allowed: true, remaining: 3 });
    expect(usage.resetSeconds).toBeGreaterThan(55);
    expect(usage.resetSeconds).toBeLessThanOrEqual(60);
  });
});

describe('consumeQuota with Redis unreachable', () => {
  it('fails open to an in-process limiter with the same quota and logs a warning', async () => {
    const lines: { level: string; fields: LogFields }[] = [];
    const log = createLogger((level, _message, fields) => lines.push({ level, fields }), 'debug');
    const dead = await connectRedis('redis://127.0.0.1:1', quiet, fastTimings);
    try {
      const local = policy('local', 2);
      const usages = [];
      for (let i = 0; i < 3; i += 1) usages.push(await consumeQuota(local, 'tenant:alice', dead, log));

      expect(usages.map((u) => u.allowed)).toEqual([true, true, false]);
      expect(lines[0]).toMatchObject({ level: 'warn', fields: { use: 'rate-limit' } });
    } finally {
      dead.destroy();
    }
  });
});
