import { MikroORM } from '@mikro-orm/postgresql';
import { verifyChain, type ChainedEvent } from '../../../shared/db/auditHash';
import { ormOptions } from '../../../shared/db/ormOptions';
import type { CaseEventResource } from '../../../shared/workflow/caseSchemas';
import { startTestApp, type TestApp } from '../../support/app';
import { purchaseRequestDefinition } from '../../unit/workflow/definitions';

let app: TestApp;
let tokens: { requester: string; approver: string; reader: string; app: string };

beforeAll(async () => {
  app = await startTestApp();
  const admin = await app.token({ user: 'ada', roles: ['Signoff.Admin'] });
  tokens = {
    requester: await app.token({ user: 'rita', roles: ['Signoff.Requester'] }),
    approver: await app.token({ user: 'arno', roles: ['Signoff.Approver'] }),
    reader: await app.token({ user: 'rex', roles: ['Signoff.Reader'] }),
    app: await app.token({ user: 'erp', app: true, roles: ['Signoff.Requester'] }),
  };
  const published = await app.request('POST', '/api/v1/definitions', {
    token: admin,
    body: purchaseRequestDefinition(),
  });
  expect(published.status).toBe(201);
});

afterAll(async () => {
  await app.close();
});

async function open(token = tokens.requester, title = 'Laptop') {
  const body = { workflowKey: 'purchase-request', title, data: { amount: 1450 } };
  return app.request('POST', '/api/v1/cases', { token, body });
}

async function openedId(): Promise<string> {
  const res = await open();
  expect(res.status).toBe(201);
  return res.body.id;
}

function take(
  caseId: string,
  transition: string,
  token: string,
  init: { body?: unknown; headers?: Record<string, string> } = {},
) {
  return app.request('POST', `/api/v1/cases/${caseId}/transitions/${transition}`, { token, body: {}, ...init });
}

function history(caseId: string) {
  return app.request('GET', `/api/v1/cases/${caseId}/events`, { token: tokens.reader });
}

describe('POST /api/v1/cases', () => {
  it('opens a case in the initial state, records the requester and answers with Location and ETag', async () => {
    const me = await app.request('GET', '/api/v1/me', { token: tokens.requester });

    const res = await open();

    expect(res.status).toBe(201);
    expect(res.headers['location']).toBe(`/api/v1/cases/${res.body.id}`);
    expect(res.headers['etag']).toBe('"1"');
    expect(res.body).toMatchObject({
      workflow: { key: 'purchase-request', version: 1 },
      state: 'draft',
      version: 1,
      requester: me.body.objectId,
      data: { amount: 1450 },
      nextTransitions: ['submit'],
    });
  });

  it('answers 422 for a workflow key nobody published', async () => {
    const res = await app.request('POST', '/api/v1/cases', {
      token: tokens.requester,
      body: { workflowKey: 'unheard-of', title: 'x' },
    });

    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/body/workflowKey' })]);
  });

  it('needs the requester role', async () => {
    const res = await open(tokens.reader);

    expect(res.status).toBe(403);
  });

  it('refuses case data PostgreSQL cannot store as 400 rather than failing', async () => {
    const res = await app.request('POST', '/api/v1/cases', {
      token: tokens.requester,
      body: { workflowKey: 'purchase-request', title: 'x', data: { note: 'a\u0000b' } },
    });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/body/data/note' })]);
  });
});

describe('GET /api/v1/cases/{caseId}', () => {
  it('answers with the case and its version as a strong ETag', async () => {
    const id = await openedId();

    const res = await app.request('GET', `/api/v1/cases/${id}`, { token: tokens.reader });

    expect(res.status).toBe(200);
    expect(res.headers['etag']).toBe('"1"');
    expect(res.body.id).toBe(id);
  });

  it('answers 404 for a case that does not exist', async () => {
    const res = await app.request('GET', '/api/v1/cases/01900000-0000-7000-8000-000000000000', {
      token: tokens.reader,
    });

    expect(res.status).toBe(404);
  });
});

describe('POST /api/v1/cases/{caseId}/transitions/{transition}', () => {
  it('takes an allowed transition, bumps the version and returns the recorded event', async () => {
    const id = await openedId();

    const res = await take(id, 'submit', tokens.requester, { body: { reason: 'Needed for work', comment: 'asap' } });

    expect(res.status).toBe(200);
    expect(res.headers['etag']).toBe('"2"');
    expect(res.body.case).toMatchObject({ state: 'submitted', version: 2, nextTransitions: ['approve', 'reject'] });
    expect(res.body.event).toMatchObject({
      sequence: 2,
      transition: 'submit',
      fromState: 'draft',
      toState: 'submitted',
      reason: 'Needed for work',
      payload: { comment: 'asap' },
    });
  });

  it('refuses a principal without the transition role with 403 forbidden', async () => {
    const id = await openedId();
    await take(id, 'submit', tokens.requester);

    const res = await take(id, 'approve', tokens.requester);

    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
    expect(res.body.detail).toContain('Signoff.Approver');
  });

  it('refuses a transition that does not leave the current state with 409 transition_not_allowed', async () => {
    const id = await openedId();

    const res = await take(id, 'approve', tokens.approver);

    expect(res.status).toBe(409);
    expect(res.body.code).toBe('transition_not_allowed');
  });

  it('answers 404 for a transition the workflow does not have', async () => {
    const id = await openedId();

    const res = await take(id, 'teleport', tokens.approver);

    expect(res.status).toBe(404);
  });

  it('refuses a change based on a stale ETag with 412 and changes nothing', async () => {
    const id = await openedId();
    await take(id, 'submit', tokens.requester);

    const res = await take(id, 'approve', tokens.approver, { headers: { 'if-match': '"1"' } });

    expect(res.status).toBe(412);
    expect((await history(id)).body.items).toHaveLength(2);
  });

  it("records the principal's tenant, object id, client app and the request id in the event", async () => {
    const me = await app.request('GET', '/api/v1/me', { token: tokens.approver });
    const id = await openedId();
    await take(id, 'submit', tokens.requester);

    await take(id, 'approve', tokens.approver, { headers: { 'x-request-id': 'approve-req-1' } });

    const approved = (await history(id)).body.items[2];
    expect(approved.actor).toEqual({
      type: 'user',
      objectId: me.body.objectId,
      tenantId: me.body.tenantId,
      clientAppId: me.body.clientAppId,
    });
    expect(approved.requestId).toBe('approve-req-1');
  });

  it('records an application acting on its own as an app actor', async () => {
    const opened = await open(tokens.app, 'From the ERP');

    const [event] = (await history(opened.body.id)).body.items;

    expect(event.actor.type).toBe('app');
  });
});

describe('concurrent transitions of one case', () => {
  let admin: MikroORM;

  beforeAll(async () => {
    admin = await MikroORM.init(
      ormOptions({ databaseUrl: process.env['DATABASE_URL']!, schema: app.schema, poolSize: 2 }),
    );
  });

  afterAll(async () => {
    await admin.close();
  });

  async function updatesWaiting(): Promise<number> {
    const rows = await admin.em.getConnection().execute(
      `select count(*)::int as n from pg_stat_activity
        where wait_event_type = 'Lock' and query like ?`,
      [`update "${app.schema}"."cases"%`],
    );
    return Number(rows[0]?.['n'] ?? 0);
  }

  async function until(condition: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not reached within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  it('lets exactly one apply; the other, having read the same version, gets 409 version_conflict', async () => {
    const id = await openedId();
    await take(id, 'submit', tokens.requester);
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const rowLocked = new Promise<void>((resolve) => (locked = resolve));

    // Hold the case row so both requests read version 2 and then queue on the row lock. PostgreSQL
    // ends the holder itself should this test die before releasing it.
    const holder = admin.em.fork().transactional(async (em) => {
      await em.execute(`set local idle_in_transaction_session_timeout = '15s'`);
      await em.execute(`select 1 from "${app.schema}"."cases" where id = ? for update`, [id]);
      locked();
      await released;
    });
    await Promise.race([rowLocked, holder]);
    const reject = take(id, 'reject', tokens.approver, { body: { reason: 'Over budget' } });
    const attempts = [take(id, 'approve', tokens.approver), reject];
    try {
      await until(async () => (await updatesWaiting()) === 2);
    } finally {
      release();
      await holder;
    }

    const answers = await Promise.all(attempts);

    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)?.body.code).toBe('version_conflict');
    expect((await history(id)).body.items).toHaveLength(3);
  });
});

describe('GET /api/v1/cases/{caseId}/events', () => {
  it('gives the whole history in order, each event chained to the one before', async () => {
    const id = await openedId();
    await take(id, 'submit', tokens.requester);
    await take(id, 'reject', tokens.approver, { body: { reason: 'Over budget' } });

    const res = await history(id);

    expect(res.status).toBe(200);
    const items: CaseEventResource[] = res.body.items;
    expect(items.map((e) => [e.sequence, e.type, e.toState])).toEqual([
      [1, 'case.opened', 'draft'],
      [2, 'case.transitioned', 'submitted'],
      [3, 'case.transitioned', 'rejected'],
    ]);
    expect(verifyChain(items.map((e) => asChained(id, e)))).toEqual({ intact: true });
  });

  it('answers 404 for a case that does not exist', async () => {
    expect((await history('01900000-0000-7000-8000-000000000000')).status).toBe(404);
  });
});

function asChained(caseId: string, event: CaseEventResource): ChainedEvent {
  const { actor, occurredAt, ...rest } = event;
  return {
    ...rest,
    caseId,
    actorType: actor.type,
    actorOid: actor.objectId,
    tenantId: actor.tenantId,
    clientAppId: actor.clientAppId,
    occurredAt: new Date(occurredAt),
  };
}
