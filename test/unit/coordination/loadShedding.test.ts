import { isSaturated, shedIfSaturated, type PoolStats } from '../../../shared/coordination/loadShedding';
import { resetConfig } from '../../../shared/config/load';
import { Problem } from '../../../shared/http/problem';
import { createLogger } from '../../../shared/telemetry/logger';

const quiet = createLogger(() => undefined);
const stats = (waitingCount: number): PoolStats => ({ waitingCount, totalCount: 4, idleCount: 0 });

beforeAll(() => {
  process.env['DATABASE_QUEUE_LIMIT'] = '4';
  resetConfig();
});

afterAll(() => {
  delete process.env['DATABASE_QUEUE_LIMIT'];
  resetConfig();
});

describe('isSaturated', () => {
  it('is true once as many requests wait for a connection as the queue limit allows', () => {
    expect(isSaturated(stats(3), 4)).toBe(false);
    expect(isSaturated(stats(4), 4)).toBe(true);
  });
});

describe('shedIfSaturated', () => {
  it('lets the request through while the queue is shorter than its limit', async () => {
    await expect(shedIfSaturated(quiet, async () => stats(3))).resolves.toBeUndefined();
  });

  it('refuses a saturated pool with 503 unavailable and Retry-After', async () => {
    const refusal = await shedIfSaturated(quiet, async () => stats(4)).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(Problem);
    expect((refusal as Problem).code).toBe('unavailable');
    expect((refusal as Problem).headers['retry-after']).toBe('2');
  });

  it('does not shed when the pool cannot be read, leaving that failure to the handler', async () => {
    await expect(shedIfSaturated(quiet, async () => Promise.reject(new Error('down')))).resolves.toBeUndefined();
  });
});
