import { connectRedis, getRedis, reconnectDelay, type RedisClient } from '../../../shared/coordination/redis';
import { shutdown } from '../../../shared/config/lifecycle';
import { createLogger } from '../../../shared/telemetry/logger';

const quiet = createLogger(() => undefined);
const prefix = `test:redis:${process.pid}:`;

afterAll(async () => {
  const client = await getRedis();
  const keys = (await client?.keys(`${prefix}*`)) ?? [];
  if (keys.length > 0) await client?.del(keys);
  await shutdown();
});

test('getRedis returns one shared client that runs commands against the machine Redis', async () => {
  const first = await getRedis();
  const second = await getRedis();

  expect(first).toBe(second);
  await first!.set(`${prefix}k`, 'v', { EX: 10 });
  expect(await first!.get(`${prefix}k`)).toBe('v');
});

test('a client for an unreachable Redis resolves at the first refused attempt and rejects commands at once', async () => {
  const started = Date.now();
  const timings = { commandTimeoutMs: 200, connectTimeoutMs: 200, pingIntervalMs: 60_000, firstConnectWaitMs: 300 };
  const client: RedisClient = await connectRedis('redis://127.0.0.1:1', quiet, timings);

  try {
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(client.isReady).toBe(false);
    await expect(client.get('anything')).rejects.toThrow();
  } finally {
    client.destroy();
  }
});

test('reconnect delays grow from tens of milliseconds and stay at or below five seconds', () => {
  expect(reconnectDelay(0)).toBeLessThanOrEqual(50);
  expect(reconnectDelay(3)).toBeGreaterThanOrEqual(200);
  for (let i = 0; i < 100; i += 1) expect(reconnectDelay(i)).toBeLessThanOrEqual(5_000);
});
