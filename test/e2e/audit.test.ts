import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { Roles } from '../../shared/auth/roles';
import { ormOptions } from '../../shared/db/ormOptions';
import { purchaseRequestDefinition } from '../unit/workflow/definitions';
import { startDevhostProcess, type DevhostProcess } from '../support/devhostProcess';
import { deleteRedisKeys } from '../support/redisKeys';
import { sendJson, type SendInit } from '../support/sendJson';

jest.setTimeout(120_000);

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const DATABASE_URL = process.env['DATABASE_URL']!;
const prefix = `test:audit-e2e:${randomUUID()}:`;

let devhost: DevhostProcess;
let orm: MikroORM;
let tokens: { admin: string; requester: string; auditor: string };

beforeAll(async () => {
  devhost = await startDevhostProcess({ env: { REDIS_URL, REDIS_KEY_PREFIX: prefix } });
  orm = await MikroORM.init(ormOptions({ databaseUrl: DATABASE_URL, schema: devhost.schema, poolSize: 1 }));
  tokens = {
    admin: await devhost.token({ user: 'ada', roles: [Roles.Admin], acrs: ['c1'] }),
    requester: await devhost.token({ user: 'rita', roles: [Roles.Requester] }),
    auditor: await devhost.token({ user: 'audrey', roles: [Roles.Auditor] }),
  };
});

afterAll(async () => {
  await orm?.close();
  await devhost?.stop();
  await deleteRedisKeys(prefix, REDIS_URL);
});

function call(method: string, path: string, token: string, init: SendInit = {}) {
  return sendJson(devhost.url, method, path, token, init);
}

async function submittedCase(): Promise<string> {
  const opened = await call('POST', '/api/v1/cases', tokens.requester, {
    headers: { 'idempotency-key': randomUUID() },
    body: { workflowKey: 'purchase-request', title: 'Laptop', data: { amount: 1450, currency: 'EUR' } },
  });
  expect(opened.status).toBe(201);
  const path = `/api/v1/cases/${opened.body.id}/transitions/submit`;
  const submitted = await call('POST', path, tokens.requester, {
    body: {},
    headers: { 'if-match': opened.headers['etag']! },
  });
  expect(submitted.status).toBe(200);
  return opened.body.id;
}

describe('the audit trail of a devhost process', () => {
  beforeAll(async () => {
    const published = await call('POST', '/api/v1/definitions', tokens.admin, { body: purchaseRequestDefinition() });
    expect(published.status).toBe(201);
  });

  it('verifies the chain the API wrote for a case', async () => {
    const id = await submittedCase();

    const verdict = await call('GET', `/api/v1/cases/${id}/audit/verify`, tokens.auditor);

    expect(verdict.status).toBe(200);
    expect(verdict.body).toMatchObject({ valid: true, events: 2, headSequence: 2, firstBrokenLink: null });
  });

  it('refuses an UPDATE of the audit rows the app wrote, and reports one a superuser forced through', async () => {
    const id = await submittedCase();
    const events = `"${devhost.schema}".case_events`;
    const connection = orm.em.getConnection();

    await expect(connection.execute(`update ${events} set reason = 'x' where case_id = ?`, [id])).rejects.toThrow(
      /append-only/,
    );
    await orm.em.fork().transactional(async (em) => {
      await em.execute(`alter table ${events} disable trigger case_events_append_only`);
      await em.execute(`update ${events} set reason = 'approved by the board' where case_id = ? and sequence = 2`, [
        id,
      ]);
      await em.execute(`alter table ${events} enable always trigger case_events_append_only`);
    });

    const verdict = await call('GET', `/api/v1/cases/${id}/audit/verify`, tokens.auditor);

    expect(verdict.body).toMatchObject({
      valid: false,
      firstBrokenLink: { sequence: 2, reason: 'hash_mismatch' },
    });
  });
});
