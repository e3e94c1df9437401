import { randomUUID } from 'node:crypto';
import { withTenantSlot } from '../../../shared/coordination/tenantSlots';
import { createLogger } from '../../../shared/telemetry/logger';
import { startCaseApi, type CaseApi } from './caseApi';

const prefix = `test:cases-cap:${randomUUID()}:`;
let api: CaseApi;

beforeAll(async () => {
  process.env['TENANT_CONCURRENCY'] = '1';
  process.env['REDIS_KEY_PREFIX'] = prefix;
  api = await startCaseApi();
});

afterAll(async () => {
  await api.close();
  delete process.env['TENANT_CONCURRENCY'];
  delete process.env['REDIS_KEY_PREFIX'];
});

describe('GET /api/v1/cases as an expensive call', () => {
  it("is refused with 429 while the tenant's list slots are all taken, and answers once one is free", async () => {
    const tenantId = String((await api.app.request('GET', '/api/v1/me', { token: api.cast.reader })).body.tenantId);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let taken!: () => void;
    const slotTaken = new Promise<void>((resolve) => (taken = resolve));
    const holder = withTenantSlot(
      tenantId,
      async () => (taken(), held),
      createLogger(() => undefined),
    );
    await slotTaken;

    const refused = await api.app.request('GET', '/api/v1/cases', { token: api.cast.reader });
    const oneCase = await api.get(await api.openedId());
    release();
    await holder;
    const admitted = await api.app.request('GET', '/api/v1/cases', { token: api.cast.reader });

    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('rate_limited');
    expect(refused.headers['retry-after']).toBeDefined();
    expect(oneCase.status).toBe(200);
    expect(admitted.status).toBe(200);
  });
});
