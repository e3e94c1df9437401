import { startCaseApi, type CaseApi } from './caseApi';

let api: CaseApi;

beforeAll(async () => {
  api = await startCaseApi();
});

afterAll(async () => {
  await api.close();
});

async function assign(caseId: string, body: unknown, init: { token?: string; headers?: Record<string, string> } = {}) {
  const headers = init.headers ?? { 'if-match': await api.etag(caseId) };
  const token = init.token ?? api.cast.approver;
  return api.app.request('POST', `/api/v1/cases/${caseId}/assignment`, { token, headers, body });
}

describe('POST /api/v1/cases/{caseId}/assignment', () => {
  it('assigns a case, bumps its version and records case.assigned with the reason', async () => {
    const id = await api.openedId();

    const res = await assign(id, { assignee: api.oids.secondApprover, reason: 'Knows the supplier' });

    expect(res.status).toBe(200);
    expect(res.headers['etag']).toBe('"2"');
    expect(res.body).toMatchObject({ assignee: api.oids.secondApprover, version: 2 });
    const [, assigned] = (await api.history(id)).body.items;
    expect(assigned).toMatchObject({
      type: 'case.assigned',
      reason: 'Knows the supplier',
      actor: expect.objectContaining({ objectId: api.oids.approver }),
      payload: { from: null, to: api.oids.secondApprover },
    });
  });

  it('reassigns and unassigns, each with its own event', async () => {
    const id = await api.openedId();
    await assign(id, { assignee: 'someone' });

    const reassigned = await assign(id, { assignee: 'someone-else' });
    const unassigned = await assign(id, { assignee: null });

    expect(reassigned.body.assignee).toBe('someone-else');
    expect(unassigned.body).toMatchObject({ assignee: null, version: 4 });
    expect((await api.history(id)).body.items.map((e: { type: string }) => e.type)).toEqual([
      'case.opened',
      'case.assigned',
      'case.assigned',
      'case.assigned',
    ]);
  });

  it('changes nothing when the case already has that assignee', async () => {
    const id = await api.openedId();
    await assign(id, { assignee: 'someone' });

    const res = await assign(id, { assignee: 'someone' });

    expect(res.status).toBe(200);
    expect(res.headers['etag']).toBe('"2"');
  });

  it('lets admins assign, and refuses requesters and readers with 403', async () => {
    const id = await api.openedId();

    const admin = await assign(id, { assignee: 'x' }, { token: api.cast.admin });
    const requester = await assign(id, { assignee: 'y' }, { token: api.cast.requester });
    const reader = await assign(id, { assignee: 'z' }, { token: api.cast.reader });

    expect([admin.status, requester.status, reader.status]).toEqual([200, 403, 403]);
  });

  it('answers 428 without If-Match and 412 with a stale one', async () => {
    const id = await api.openedId();
    await assign(id, { assignee: 'x' });

    expect((await assign(id, { assignee: 'y' }, { headers: {} })).status).toBe(428);
    expect((await assign(id, { assignee: 'y' }, { headers: { 'if-match': '"1"' } })).status).toBe(412);
  });

  it('refuses to assign a closed case with 409', async () => {
    const id = await api.openedId(100);
    await api.take(id, 'submit', api.cast.requester);
    await api.take(id, 'approve', api.cast.approver);

    const res = await assign(id, { assignee: 'late' });

    expect(res.status).toBe(409);
  });

  it('makes the assignee relation hold: a transition only the assignee may take opens up for them', async () => {
    const triage = {
      key: 'triage',
      title: 'Triage',
      initialState: 'open',
      states: [{ name: 'open' }, { name: 'resolved', terminal: true }],
      transitions: [{ name: 'resolve', from: ['open'], to: 'resolved', relations: ['assignee'] }],
    };
    expect((await api.app.request('POST', '/api/v1/definitions', { token: api.cast.admin, body: triage })).status).toBe(
      201,
    );
    const opened = await api.open({ workflowKey: 'triage', data: {} });
    const id = String(opened.body.id);
    const refused = await api.take(id, 'resolve', api.cast.approver);

    await assign(id, { assignee: api.oids.approver });
    const resolved = await api.take(id, 'resolve', api.cast.approver);

    expect(refused.status).toBe(403);
    expect(resolved.status).toBe(200);
    expect(resolved.body.case.state).toBe('resolved');
  });

  it('answers 404 for a case that does not exist', async () => {
    const res = await assign(
      '01900000-0000-7000-8000-000000000000',
      { assignee: 'x' },
      { headers: { 'if-match': '"1"' } },
    );

    expect(res.status).toBe(404);
  });
});
