import { databasePoolStats } from '../../../shared/coordination/loadShedding';
import { getOrm } from '../../../shared/db/orm';
import { startAuthEnvironment, type AuthEnvironment } from '../../support/authEnvironment';
import { callAs, testEndpoint } from './testEndpoint';

let env: AuthEnvironment;

const read = testEndpoint({
  name: 'readSomething',
  handler: async (ctx) => {
    await (await ctx.em()).execute('select 1');
    return { body: { ok: true } };
  },
});

beforeAll(async () => {
  env = await startAuthEnvironment({ DATABASE_POOL_SIZE: '2', DATABASE_QUEUE_LIMIT: '2' });
});
afterAll(() => env.close());

function readAs(user: string) {
  return callAs(env, read, { user });
}

/** Holds every pooled connection for `seconds` and queues as many queries again behind them. */
async function saturatePool(seconds: number): Promise<Promise<unknown>[]> {
  const orm = await getOrm();
  const sleepers = Array.from({ length: 4 }, () => orm.em.fork().execute(`select pg_sleep(${seconds})`));
  while ((await databasePoolStats()).waitingCount < 2) await new Promise((resolve) => setTimeout(resolve, 10));
  return sleepers;
}

describe('load shedding', () => {
  it('answers 503 unavailable with Retry-After at once while the database pool is saturated', async () => {
    expect((await readAs('una')).status).toBe(200);
    const sleepers = await saturatePool(1);

    const started = Date.now();
    const shed = await readAs('una');
    const tookMs = Date.now() - started;
    await Promise.all(sleepers);

    expect(shed.status).toBe(503);
    expect(shed.headers['content-type']).toBe('application/problem+json');
    expect(shed.json()).toMatchObject({ code: 'unavailable' });
    expect(shed.headers['retry-after']).toBe('2');
    expect(tookMs).toBeLessThan(500);
  });

  it('serves again once the queue drains', async () => {
    expect((await readAs('una')).status).toBe(200);
  });
});
