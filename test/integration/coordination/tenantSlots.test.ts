import { withTenantSlot } from '../../../shared/coordination/tenantSlots';
import { Problem } from '../../../shared/http/problem';
import { createLogger } from '../../../shared/telemetry/logger';
import { startAuthEnvironment, type AuthEnvironment } from '../../support/authEnvironment';
import { callAs, deferred, testEndpoint, until } from './testEndpoint';

const quiet = createLogger(() => undefined);
let env: AuthEnvironment;
let gate: Promise<void> = Promise.resolve();
let entered = 0;

const search = testEndpoint({
  name: 'slowSearch',
  expensive: true,
  handler: async () => {
    entered += 1;
    await gate;
    return { body: { ok: true } };
  },
});

beforeAll(async () => {
  env = await startAuthEnvironment({ TENANT_CONCURRENCY: '2' });
});
afterAll(() => env.close());

function searchAs(user: string) {
  return callAs(env, search, { user });
}

describe('tenant concurrency cap', () => {
  it('refuses an expensive call with 429 while the tenant has TENANT_CONCURRENCY in flight', async () => {
    const held = deferred();
    gate = held.promise;
    entered = 0;
    const running = [searchAs('ann'), searchAs('bob')];
    await until(() => entered, 2);

    const refused = await searchAs('cat');
    held.open();
    const finished = await Promise.all(running);

    expect(refused.status).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'rate_limited' });
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.headers['ratelimit-policy']).toBeDefined();
    expect(finished.map((a) => a.status)).toEqual([200, 200]);
  });

  it('frees the slots once the calls finish', async () => {
    gate = Promise.resolve();

    const answers = await Promise.all([searchAs('ann'), searchAs('bob')]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect((await searchAs('cat')).status).toBe(200);
  });

  it('counts each tenant on its own', async () => {
    const held = deferred();
    const busy = [
      withTenantSlot('tenant-x', () => held.promise, quiet),
      withTenantSlot('tenant-x', () => held.promise, quiet),
    ];
    await new Promise((resolve) => setTimeout(resolve, 50));

    const other = await withTenantSlot('tenant-y', async () => 'ran', quiet);
    const refused = await withTenantSlot('tenant-x', async () => 'ran', quiet).catch((error: unknown) => error);
    held.open();
    await Promise.all(busy);

    expect(other).toBe('ran');
    expect(refused).toBeInstanceOf(Problem);
  });

  it('frees a slot when the call throws', async () => {
    for (let i = 0; i < 3; i += 1) {
      await expect(withTenantSlot('tenant-z', () => Promise.reject(new Error('boom')), quiet)).rejects.toThrow('boom');
    }
    await expect(withTenantSlot('tenant-z', async () => 'ran', quiet)).resolves.toBe('ran');
  });
});
