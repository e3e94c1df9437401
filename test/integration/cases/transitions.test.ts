import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../../../shared/db/ormOptions';
import { startCaseApi, type CaseApi } from './caseApi';

let api: CaseApi;

beforeAll(async () => {
  api = await startCaseApi();
});

afterAll(async () => {
  await api.close();
});

async function submitted(amount = 1450): Promise<string> {
  const id = await api.openedId(amount);
  const res = await api.take(id, 'submit', api.cast.requester);
  expect(res.status).toBe(200);
  return id;
}

describe('POST /api/v1/cases/{caseId}/transitions/{transition}: preconditions', () => {
  it('takes an allowed transition with the current ETag, bumps the version and returns the recorded event', async () => {
    const id = await api.openedId();

    const res = await api.take(id, 'submit', api.cast.requester, {
      headers: { 'if-match': '"1"' },
      body: { reason: 'Needed for work', comment: 'asap' },
    });

    expect(res.status).toBe(200);
    expect(res.headers['etag']).toBe('"2"');
    expect(res.body.outcome).toBe('applied');
    expect(res.body.case).toMatchObject({
      state: 'submitted',
      version: 2,
      round: 2,
      nextTransitions: ['approve', 'reject'],
    });
    expect(res.body.event).toMatchObject({
      sequence: 2,
      type: 'case.transitioned',
      transition: 'submit',
      fromState: 'draft',
      toState: 'submitted',
      reason: 'Needed for work',
      payload: { comment: 'asap' },
    });
  });

  it('accepts an empty body when no inputSchema asks for anything', async () => {
    const id = await api.openedId();

    const res = await api.app.request('POST', `/api/v1/cases/${id}/transitions/submit`, {
      token: api.cast.requester,
      headers: { 'if-match': '"1"' },
    });

    expect(res.status).toBe(200);
    expect(res.body.case.state).toBe('submitted');
  });

  it('answers 428 precondition_required without If-Match and changes nothing', async () => {
    const id = await api.openedId();

    const res = await api.take(id, 'submit', api.cast.requester, { headers: {} });

    expect(res.status).toBe(428);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body.code).toBe('precondition_required');
    expect((await api.get(id)).body.version).toBe(1);
  });

  it('treats If-Match: * like a missing header, since it says nothing about the version seen', async () => {
    const id = await api.openedId();

    const res = await api.take(id, 'submit', api.cast.requester, { headers: { 'if-match': '*' } });

    expect(res.status).toBe(428);
  });

  it('refuses a stale ETag with 412 precondition_failed and changes nothing', async () => {
    const id = await submitted();

    const res = await api.take(id, 'approve', api.cast.approver, { headers: { 'if-match': '"1"' } });

    expect(res.status).toBe(412);
    expect(res.body.code).toBe('precondition_failed');
    expect((await api.history(id)).body.items).toHaveLength(2);
  });

  it('refuses a weak tag with 412 even when it names the current version', async () => {
    const id = await api.openedId();

    const res = await api.take(id, 'submit', api.cast.requester, { headers: { 'if-match': 'W/"1"' } });

    expect(res.status).toBe(412);
    expect(res.body.detail).toMatch(/Weak entity tags/);
  });

  it('accepts a list of tags when one of them is current', async () => {
    const id = await api.openedId();

    const res = await api.take(id, 'submit', api.cast.requester, { headers: { 'if-match': 'W/"1", "7", "1"' } });

    expect(res.status).toBe(200);
  });

  it('refuses an If-Match that is not a list of entity tags with 400 at the header', async () => {
    const id = await api.openedId();

    const res = await api.take(id, 'submit', api.cast.requester, { headers: { 'if-match': '1' } });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/headers/if-match' })]);
  });
});

describe('POST /api/v1/cases/{caseId}/transitions/{transition}: the workflow decision', () => {
  it('refuses a principal without the transition role with 403 forbidden', async () => {
    const id = await submitted();

    const res = await api.take(id, 'approve', api.cast.requester);

    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('Signoff.Approver');
  });

  it('refuses an approver who is also the requester (separation of duties) with 403', async () => {
    const ownCase = await api.openedId(900, api.cast.approver);
    await api.take(ownCase, 'submit', api.cast.approver);

    const res = await api.take(ownCase, 'approve', api.cast.approver);

    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/requester may not/);
  });

  it('refuses a transition that does not leave the current state with 409 transition_not_allowed', async () => {
    const id = await api.openedId();

    const res = await api.take(id, 'approve', api.cast.approver);

    expect(res.status).toBe(409);
    expect(res.body.code).toBe('transition_not_allowed');
  });

  it('answers 404 for a transition the workflow does not have', async () => {
    const id = await api.openedId();

    const res = await api.take(id, 'teleport', api.cast.approver);

    expect(res.status).toBe(404);
  });

  it('refuses a body its inputSchema rejects with 400 naming the field', async () => {
    const id = await submitted();

    const res = await api.take(id, 'reject', api.cast.approver, { body: { comment: 'no reason given' } });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/body/reason' })]);
  });

  it('routes on the amount: a small purchase is approved at once, a large one goes to finance review', async () => {
    const small = await submitted(900);
    const large = await submitted(25_000);

    const smallAnswer = await api.take(small, 'approve', api.cast.approver);
    const largeAnswer = await api.take(large, 'approve', api.cast.approver);

    expect(smallAnswer.body.case.state).toBe('approved');
    expect(largeAnswer.body.case.state).toBe('finance-review');
  });

  it("records the principal's tenant, object id, client app and the request id in the event", async () => {
    const id = await submitted();
    const headers = { 'if-match': await api.etag(id), 'x-request-id': 'approve-req-1' };

    await api.take(id, 'approve', api.cast.approver, { headers });

    const approved = (await api.history(id)).body.items[2];
    expect(approved.actor).toMatchObject({ type: 'user', objectId: api.oids.approver });
    expect(approved.actor.tenantId).toBeTruthy();
    expect(approved.actor.clientAppId).toBeTruthy();
    expect(approved.requestId).toBe('approve-req-1');
  });
});

describe('quorums', () => {
  async function inFinanceReview(): Promise<string> {
    const id = await submitted(25_000);
    const approved = await api.take(id, 'approve', api.cast.approver);
    expect(approved.body.case.state).toBe('finance-review');
    return id;
  }

  it('records the first approval with 202 and shows it on the case; the second applies the move', async () => {
    const id = await inFinanceReview();

    const first = await api.take(id, 'finance-approve', api.cast.secondApprover, { body: { comment: 'fine' } });

    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ outcome: 'approval_recorded', quorum: { approvals: 1, needed: 2 } });
    expect(first.body.event).toMatchObject({ type: 'case.approval_recorded', transition: 'finance-approve' });
    expect(first.body.case.state).toBe('finance-review');
    expect((await api.get(id)).body.approvals).toEqual([
      expect.objectContaining({ transition: 'finance-approve', approver: api.oids.secondApprover, round: 3 }),
    ]);

    const second = await api.take(id, 'finance-approve', api.cast.thirdApprover);

    expect(second.status).toBe(200);
    expect(second.body.case).toMatchObject({ state: 'approved', round: 4 });
    expect(second.body.event.payload.approvers).toEqual([api.oids.secondApprover, api.oids.thirdApprover]);
    expect(second.body.case.approvals.map((a: { approver: string }) => a.approver)).toEqual([
      api.oids.secondApprover,
      api.oids.thirdApprover,
    ]);
  });

  it('does not let one approver count twice toward a quorum', async () => {
    const id = await inFinanceReview();
    await api.take(id, 'finance-approve', api.cast.secondApprover);

    const again = await api.take(id, 'finance-approve', api.cast.secondApprover);

    expect(again.status).toBe(403);
    expect((await api.get(id)).body).toMatchObject({ state: 'finance-review', approvals: [expect.anything()] });
  });

  it('refuses the approver of the earlier step (separation of duties) toward the quorum', async () => {
    const id = await inFinanceReview();

    const res = await api.take(id, 'finance-approve', api.cast.approver);

    expect(res.status).toBe(403);
  });

  it('asks for MFA step-up with 401 and a claims challenge when the token has not passed it', async () => {
    const id = await inFinanceReview();
    const unstepped = await api.app.token({ user: 'dora', roles: ['Signoff.Approver'] });

    const res = await api.take(id, 'finance-approve', unstepped);

    expect(res.status).toBe(401);
    expect(res.body.code).toBe('step_up_required');
    expect(String(res.headers['www-authenticate'])).toContain('insufficient_claims');
    expect((await api.get(id)).body.approvals).toEqual([]);
  });
});

describe('concurrent transitions of one case', () => {
  let admin: MikroORM;

  beforeAll(async () => {
    admin = await MikroORM.init(
      ormOptions({ databaseUrl: process.env['DATABASE_URL']!, schema: api.app.schema, poolSize: 2 }),
    );
  });

  afterAll(async () => {
    await admin.close();
  });

  async function updatesWaiting(): Promise<number> {
    const rows = await admin.em.getConnection().execute(
      `select count(*)::int as n from pg_stat_activity
        where wait_event_type = 'Lock' and query like ?`,
      [`update "${api.app.schema}"."cases"%`],
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

  it('lets exactly one apply; the other, having passed If-Match on the same version, gets 409 version_conflict', async () => {
    const id = await submitted();
    const headers = { 'if-match': await api.etag(id) };
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const rowLocked = new Promise<void>((resolve) => (locked = resolve));

    // Hold the case row so both requests read version 2 and then queue on the row lock. PostgreSQL
    // ends the holder itself should this test die before releasing it.
    const holder = admin.em.fork().transactional(async (em) => {
      await em.execute(`set local idle_in_transaction_session_timeout = '15s'`);
      await em.execute(`select 1 from "${api.app.schema}"."cases" where id = ? for update`, [id]);
      locked();
      await released;
    });
    await Promise.race([rowLocked, holder]);
    const attempts = [
      api.take(id, 'approve', api.cast.approver, { headers }),
      api.take(id, 'reject', api.cast.secondApprover, { headers, body: { reason: 'Over budget' } }),
    ];
    try {
      await until(async () => (await updatesWaiting()) === 2);
    } finally {
      release();
      await holder;
    }

    const answers = await Promise.all(attempts);

    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.status === 409)?.body.code).toBe('version_conflict');
    expect((await api.history(id)).body.items).toHaveLength(3);
  });
});
