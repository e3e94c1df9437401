import { randomUUID } from 'node:crypto';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { ormOptions } from '../../../shared/db/ormOptions';
import { storedEventPage } from '../../../shared/db/storedEvents';
import { verifyCaseChain } from '../../../shared/db/verifyCaseChain';
import type { WorkflowDefinitionDocument } from '../../../shared/workflow/definitionSchema';
import { startTestApp, type TestApp } from '../../support/app';
import { ownRedisPrefix, type OwnRedisPrefix } from '../audit/ownRedisPrefix';
import { purchaseRequestDefinition } from '../../unit/workflow/definitions';
import { openCaseRow } from '../audit/auditFixture';
import { definitionVersion } from '../../../shared/db/definitions';

let app: TestApp;
let redisPrefix: OwnRedisPrefix;
let orm: MikroORM;
let tokens: { admin: string; adminWithoutMfa: string; requester: string; approver: string; reader: string };

beforeAll(async () => {
  redisPrefix = ownRedisPrefix('versions');
  process.env['RATE_LIMIT_ADMIN'] = '1000';
  app = await startTestApp();
  orm = await MikroORM.init(ormOptions({ databaseUrl: process.env['DATABASE_URL']!, schema: app.schema, poolSize: 2 }));
  tokens = {
    admin: await app.token({ user: 'ada', roles: ['Signoff.Admin'], acrs: ['c1'] }),
    adminWithoutMfa: await app.token({ user: 'ada', roles: ['Signoff.Admin'] }),
    requester: await app.token({ user: 'rita', roles: ['Signoff.Requester'] }),
    approver: await app.token({ user: 'arno', roles: ['Signoff.Approver'] }),
    reader: await app.token({ user: 'rex', roles: ['Signoff.Reader'] }),
  };
});

afterAll(async () => {
  await orm?.close();
  await app?.close();
  delete process.env['RATE_LIMIT_ADMIN'];
  await redisPrefix.release();
});

function em(): EntityManager {
  return orm.em.fork();
}

/** The example definition under `key`; with `renamed`, its "submitted" state is called "pending". */
function document(key: string, renamed = false): WorkflowDefinitionDocument {
  const text = JSON.stringify({ ...purchaseRequestDefinition(), key });
  return JSON.parse(renamed ? text.replaceAll('"submitted"', '"pending"') : text) as WorkflowDefinitionDocument;
}

async function publish(body: WorkflowDefinitionDocument, token = tokens.admin) {
  return app.request('POST', '/api/v1/definitions', { token, body });
}

async function open(key: string, expectStatus = 201) {
  const res = await app.request('POST', '/api/v1/cases', {
    token: tokens.requester,
    headers: { 'idempotency-key': randomUUID() },
    body: { workflowKey: key, title: 'Laptop', data: { amount: 1450, currency: 'EUR' } },
  });
  expect([res.status, res.body.code]).toEqual([expectStatus, expectStatus === 201 ? undefined : expect.any(String)]);
  return res;
}

async function take(caseId: string, transition: string, token: string, body: Record<string, unknown> = {}) {
  const etag = String((await getCase(caseId)).headers['etag']);
  const path = `/api/v1/cases/${caseId}/transitions/${transition}`;
  const res = await app.request('POST', path, { token, body, headers: { 'if-match': etag } });
  expect([res.status, res.body.code]).toEqual([200, undefined]);
}

function getCase(caseId: string) {
  return app.request('GET', `/api/v1/cases/${caseId}`, { token: tokens.reader });
}

function retire(key: string, version: number, token = tokens.admin) {
  return app.request('POST', `/api/v1/definitions/${key}/versions/${version}/retire`, { token });
}

function migrate(key: string, body: Record<string, unknown>, token = tokens.admin) {
  return app.request('POST', `/api/v1/definitions/${key}/migrations`, { token, body });
}

describe('publishing versions', () => {
  it('needs MFA step-up: an admin token without it gets the claims challenge', async () => {
    const res = await publish(document('stepped'), tokens.adminWithoutMfa);

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('step_up_required');
    expect(res.headers['www-authenticate']).toContain('insufficient_claims');
  });

  it('gives an existing key its next version; running cases keep the version they started on', async () => {
    expect((await publish(document('kept'))).body.version).toBe(1);
    const running = (await open('kept')).body.id;

    expect((await publish(document('kept'))).body.version).toBe(2);
    const newer = (await open('kept')).body;

    expect((await getCase(running)).body.workflow).toEqual({ key: 'kept', version: 1 });
    expect(newer.workflow).toEqual({ key: 'kept', version: 2 });
  });
});

describe('GET /api/v1/definitions/{key}/versions', () => {
  it('lists every version with its status, oldest first, for readers', async () => {
    await publish(document('listing'));
    await publish(document('listing'));
    await retire('listing', 1);

    const res = await app.request('GET', '/api/v1/definitions/listing/versions', { token: tokens.reader });

    expect(res.status).toBe(200);
    expect(res.body.key).toBe('listing');
    expect(res.body.items.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [1, 'retired'],
      [2, 'active'],
    ]);
    expect(res.body.items[0]).toMatchObject({ retiredBy: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(res.body.items[1]).toMatchObject({ retiredBy: null, retiredAt: null });
    expect(res.body.items[0].document).toBeUndefined();
  });

  it('answers 404 for a key never published', async () => {
    expect((await app.request('GET', '/api/v1/definitions/nothing/versions', { token: tokens.reader })).status).toBe(
      404,
    );
  });
});

describe('POST /api/v1/definitions/{key}/versions/{version}/retire', () => {
  it('stops new cases on the retired latest version (409) while its running cases go on', async () => {
    await publish(document('closing'));
    const running = (await open('closing')).body.id;

    const res = await retire('closing', 1);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ key: 'closing', version: 1, status: 'retired' });
    expect((await open('closing', 409)).body.code).toBe('definition_retired');
    await take(running, 'submit', tokens.requester);
    expect((await getCase(running)).body).toMatchObject({ state: 'submitted', workflow: { version: 1 } });
  });

  it('answers a second retirement as the first left it', async () => {
    await publish(document('again'));
    const first = await retire('again', 1);

    const second = await retire('again', 1);

    expect(second.status).toBe(200);
    expect(second.body.retiredAt).toBe(first.body.retiredAt);
  });

  it('needs an admin who passed step-up, and an existing version', async () => {
    await publish(document('guarded-retire'));

    expect((await retire('guarded-retire', 1, tokens.approver)).status).toBe(403);
    expect((await retire('guarded-retire', 1, tokens.adminWithoutMfa)).status).toBe(401);
    expect((await retire('guarded-retire', 7)).status).toBe(404);
  });
});

describe('POST /api/v1/definitions/{key}/migrations', () => {
  /**
   * Publishes `key` v1, opens on it a draft case, `waiting` submitted cases and a rejected (finished)
   * one, then publishes v2, in which "submitted" is called "pending".
   */
  async function setUp(key: string, waiting = 1) {
    await publish(document(key));
    const draft = (await open(key)).body.id as string;
    const submitted: string[] = [];
    for (let i = 0; i < waiting; i++) {
      submitted.push((await open(key)).body.id);
      await take(submitted[i]!, 'submit', tokens.requester);
    }
    const finished = (await open(key)).body.id as string;
    await take(finished, 'submit', tokens.requester);
    await take(finished, 'reject', tokens.approver, { reason: 'Over budget' });
    await publish(document(key, true));
    return { draft, submitted: submitted[0]!, waiting: submitted, finished };
  }

  it('moves every running case to the new version and its mapped state, each audited and version-bumped', async () => {
    const { draft, submitted, finished } = await setUp('moving');

    const res = await migrate('moving', {
      fromVersion: 1,
      toVersion: 2,
      stateMapping: { draft: 'draft', submitted: 'pending' },
      reason: 'Rename of the waiting state',
    });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ key: 'moving', fromVersion: 1, toVersion: 2 });
    expect(res.body.migrated.map((m: { caseId: string; toState: string }) => [m.caseId, m.toState])).toEqual([
      [draft, 'draft'],
      [submitted, 'pending'],
    ]);
    expect((await getCase(submitted)).body).toMatchObject({ state: 'pending', version: 3, workflow: { version: 2 } });
    expect((await getCase(finished)).body.workflow.version).toBe(1);

    const events = await storedEventPage(em(), submitted, 0);
    expect(events.at(-1)).toMatchObject({
      type: 'case.migrated',
      reason: 'Rename of the waiting state',
      fromState: 'submitted',
      toState: 'pending',
      changedFields: ['/definitionVersion', '/state'],
      payload: { fromVersion: 1, toVersion: 2, fromState: 'submitted', toState: 'pending' },
    });
    expect(await verifyCaseChain(em(), submitted)).toMatchObject({ valid: true });
  });

  it('refuses with 422 listing every case whose state has no mapping, and moves none', async () => {
    const { draft, waiting } = await setUp('unmapped', 2);
    const [submitted, alsoSubmitted] = waiting;

    const res = await migrate('unmapped', { fromVersion: 1, toVersion: 2, stateMapping: { draft: 'draft' } });

    expect(res.status).toBe(422);
    expect(res.body.code).toBe('migration_unmapped');
    expect(res.body.unmappedCases).toEqual([
      { caseId: submitted, state: 'submitted' },
      { caseId: alsoSubmitted, state: 'submitted' },
    ]);
    expect(res.body.errors.map((e: { message: string }) => e.message)).toEqual([
      expect.stringContaining(submitted!),
      expect.stringContaining(alsoSubmitted!),
    ]);
    expect((await getCase(draft)).body.workflow.version).toBe(1);
  });

  it('moves only the listed cases, and refuses listed ones that are not running on the source version', async () => {
    const { draft, submitted, finished } = await setUp('chosen');
    const mapping = { draft: 'draft', submitted: 'pending' };

    const refused = await migrate('chosen', {
      fromVersion: 1,
      toVersion: 2,
      stateMapping: mapping,
      caseIds: [draft, finished],
    });
    const moved = await migrate('chosen', {
      fromVersion: 1,
      toVersion: 2,
      stateMapping: mapping,
      caseIds: [submitted],
    });

    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      { pointer: '/body/caseIds/1', message: expect.stringContaining('not a running case') },
    ]);
    expect(moved.body.migrated.map((m: { caseId: string }) => m.caseId)).toEqual([submitted]);
    expect((await getCase(draft)).body.workflow.version).toBe(1);
  });

  it('leaves cases of other tenants alone', async () => {
    await setUp('tenants');
    const v1 = (await definitionVersion(em(), 'tenants', 1))!;
    const foreign = await em().transactional(async (tx) => (await openCaseRow(tx, v1, { tenant: 'tenant-other' })).id);

    const res = await migrate('tenants', {
      fromVersion: 1,
      toVersion: 2,
      stateMapping: { draft: 'draft', submitted: 'pending' },
    });

    expect(res.status).toBe(200);
    expect(res.body.migrated.map((m: { caseId: string }) => m.caseId)).not.toContain(foreign);
    expect((await storedEventPage(em(), foreign, 0)).map((e) => e.type)).toEqual(['case.opened']);
  });

  it('refuses a mapping to states the versions do not have, an older target and a retired target', async () => {
    await setUp('checked');

    const unknown = await migrate('checked', {
      fromVersion: 1,
      toVersion: 2,
      stateMapping: { draft: 'limbo', gone: 'draft' },
    });
    const backwards = await migrate('checked', { fromVersion: 2, toVersion: 1, stateMapping: { draft: 'draft' } });
    await retire('checked', 2);
    const retired = await migrate('checked', { fromVersion: 1, toVersion: 2, stateMapping: { draft: 'draft' } });
    const missing = await migrate('checked', { fromVersion: 1, toVersion: 9, stateMapping: { draft: 'draft' } });

    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/body/stateMapping/draft',
      '/body/stateMapping/gone',
    ]);
    expect([backwards.status, backwards.body.errors[0]?.pointer]).toEqual([422, '/body/toVersion']);
    expect([retired.status, retired.body.code]).toEqual([409, 'definition_retired']);
    expect(missing.status).toBe(404);
  });

  it('is for admins who passed step-up', async () => {
    await setUp('admins');
    const body = { fromVersion: 1, toVersion: 2, stateMapping: { draft: 'draft' } };

    expect((await migrate('admins', body, tokens.approver)).status).toBe(403);
    expect((await migrate('admins', body, tokens.adminWithoutMfa)).status).toBe(401);
  });

  it('refuses a malformed request with 400', async () => {
    const res = await migrate('admins', { fromVersion: 1, toVersion: 2, stateMapping: { 'Not A State': 'draft' } });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });
});
