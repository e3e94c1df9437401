import { randomUUID } from 'node:crypto';
import { Roles } from '../../shared/auth/roles';
import { startDevhostProcess, type DevhostProcess } from '../support/devhostProcess';
import { purchaseRequestDefinition } from '../unit/workflow/definitions';

jest.setTimeout(120_000);

const PARALLEL = 8;
/** The old stop waited this long for keep-alive clients, then cut their requests mid-way. */
const OLD_FORCE_CLOSE_MS = 5000;

async function post(devhost: DevhostProcess, path: string, token: string, body: unknown, key?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  if (key !== undefined) headers['idempotency-key'] = key;
  return fetch(`${devhost.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
}

/** Opens a case; resolves to its status, or 0 when the connection was refused or cut. */
async function openCase(devhost: DevhostProcess, token: string, title: string): Promise<number> {
  const body = { workflowKey: 'purchase-request', title, data: { amount: 1200, currency: 'EUR' } };
  try {
    const res = await post(devhost, '/api/v1/cases', token, body, randomUUID());
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** Keeps opening cases over one keep-alive connection until a request fails; collects the statuses. */
async function keepOpening(devhost: DevhostProcess, token: string, statuses: number[]): Promise<void> {
  for (;;) {
    const status = await openCase(devhost, token, `Laptop ${statuses.length}`);
    statuses.push(status);
    if (status !== 201) return;
  }
}

describe('devhost shutdown with requests in flight', () => {
  it('SIGINT during parallel keep-alive case creations refuses new requests, lets those in flight finish and exits 0 with the pool closed', async () => {
    const env = { DATABASE_URL: '', RATE_LIMIT_WRITE: '100000', RATE_LIMIT_READ: '100000' };
    const devhost = await startDevhostProcess({ env });
    let code: number | null = null;
    try {
      const admin = await devhost.token({ user: 'ada', roles: [Roles.Admin], acrs: ['c1'] });
      expect((await post(devhost, '/api/v1/definitions', admin, purchaseRequestDefinition())).status).toBe(201);
      const requester = await devhost.token({ user: 'rita', roles: [Roles.Requester] });

      const statuses: number[] = [];
      const clients = Array.from({ length: PARALLEL }, () => keepOpening(devhost, requester, statuses));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const stopping = Date.now();
      code = await devhost.stop('SIGINT');
      const stopMs = Date.now() - stopping;
      await Promise.all(clients);

      expect(devhost.output()).not.toMatch(/did not close within|stopping failed/);
      expect(code).toBe(0);
      expect(statuses.filter((status) => status === 201).length).toBeGreaterThan(PARALLEL);
      expect(statuses.filter((status) => ![201, 503, 0].includes(status))).toEqual([]);
      expect(stopMs).toBeLessThan(OLD_FORCE_CLOSE_MS);
    } finally {
      if (code === null) await devhost.stop();
    }
  });
});
