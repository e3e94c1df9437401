import { randomUUID } from 'node:crypto';
import { resetConfig } from '../../../shared/config/load';
import { shutdown } from '../../../shared/config/lifecycle';
import { withCaseLock } from '../../../shared/coordination/caseLock';
import { getRedis } from '../../../shared/coordination/redis';
import { createLogger, type LogFields } from '../../../shared/telemetry/logger';

const prefix = `test:lock:${randomUUID()}:`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function capture() {
  const lines: { level: string; message: string; fields: LogFields }[] = [];
  return { lines, log: createLogger((level, message, fields) => lines.push({ level, message, fields }), 'debug') };
}

beforeAll(() => {
  process.env['REDIS_KEY_PREFIX'] = prefix;
  resetConfig();
});

afterAll(async () => {
  const redis = await getRedis();
  const keys = (await redis?.keys(`${prefix}*`)) ?? [];
  if (keys.length > 0) await redis?.del(keys);
  await shutdown();
  delete process.env['REDIS_KEY_PREFIX'];
  resetConfig();
});

describe('withCaseLock with Redis', () => {
  it('runs the transitions of one case one at a time', async () => {
    const caseId = randomUUID();
    let inside = 0;
    let most = 0;
    const work = () =>
      withCaseLock(caseId, async () => {
        inside += 1;
        most = Math.max(most, inside);
        await sleep(20);
        inside -= 1;
      });

    await Promise.all(Array.from({ length: 5 }, work));

    expect(most).toBe(1);
  });

  it('does not make different cases wait for each other', async () => {
    const started = Date.now();
    await Promise.all([randomUUID(), randomUUID(), randomUUID()].map((id) => withCaseLock(id, () => sleep(150))));

    expect(Date.now() - started).toBeLessThan(400);
  });

  it('holds the lock in Redis under the key prefix and releases it afterwards', async () => {
    const caseId = randomUUID();
    const redis = (await getRedis())!;
    const key = `${prefix}lock:case:${caseId}`;

    await withCaseLock(caseId, async () => expect(await redis.zCard(key)).toBe(1));

    expect(await redis.exists(key)).toBe(0);
  });

  it('releases the lock when the work throws, and passes the error on', async () => {
    const caseId = randomUUID();
    await expect(withCaseLock(caseId, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');

    const started = Date.now();
    await withCaseLock(caseId, async () => undefined, { waitMs: 1000 });
    expect(Date.now() - started).toBeLessThan(200);
  });

  it('waits at most waitMs for a held lock, then runs without it and says so', async () => {
    const caseId = randomUUID();
    const { lines, log } = capture();
    let release!: () => void;
    const holder = withCaseLock(caseId, () => new Promise<void>((resolve) => (release = resolve)));
    await sleep(20);

    const started = Date.now();
    const result = await withCaseLock(caseId, async () => 'ran', { waitMs: 200, log });
    const waited = Date.now() - started;
    release();
    await holder;

    expect(result).toBe('ran');
    expect(waited).toBeGreaterThanOrEqual(190);
    expect(waited).toBeLessThan(600);
    expect(lines).toContainEqual(expect.objectContaining({ message: 'case lock wait expired, proceeding unlocked' }));
  });

  it('lets a waiter in once a crashed holder lease expires', async () => {
    const caseId = randomUUID();
    const redis = (await getRedis())!;
    await redis.zAdd(`${prefix}lock:case:${caseId}`, { score: Date.now() + 150, value: 'crashed-holder' });

    const started = Date.now();
    const { lines, log } = capture();
    await withCaseLock(caseId, async () => undefined, { waitMs: 2000, log });

    expect(Date.now() - started).toBeLessThan(1000);
    expect(lines.filter((l) => l.message.includes('unlocked'))).toHaveLength(0);
  });
});
