import { startCaseApi, type CaseApi } from './caseApi';

let api: CaseApi;

beforeAll(async () => {
  api = await startCaseApi();
});

afterAll(async () => {
  await api.close();
});

async function patch(caseId: string, body: unknown, init: { token?: string; headers?: Record<string, string> } = {}) {
  const headers = init.headers ?? { 'if-match': await api.etag(caseId) };
  const token = init.token ?? api.cast.requester;
  return api.app.request('PATCH', `/api/v1/cases/${caseId}`, { token, headers, body });
}

describe('GET /api/v1/cases/{caseId}', () => {
  it('answers with the case and its version as a strong ETag', async () => {
    const id = await api.openedId();

    const res = await api.get(id);

    expect(res.status).toBe(200);
    expect(res.headers['etag']).toBe('"1"');
    expect(res.body).toMatchObject({ id, version: 1, approvals: [] });
  });

  it('answers 404 for a case that does not exist', async () => {
    expect((await api.get('01900000-0000-7000-8000-000000000000')).status).toBe(404);
  });
});

describe('PATCH /api/v1/cases/{caseId}', () => {
  it('merges the data as a JSON Merge Patch: members replaced, added, and removed by null', async () => {
    const id = await api.openedId();
    await patch(id, { data: { supplier: 'Acme', currency: 'USD' } });

    const res = await patch(id, { title: 'Two laptops', data: { amount: 2900, supplier: null } });

    expect(res.status).toBe(200);
    expect(res.headers['etag']).toBe('"3"');
    expect(res.body).toMatchObject({ title: 'Two laptops', version: 3, data: { amount: 2900, currency: 'USD' } });
    expect(res.body.data).not.toHaveProperty('supplier');
  });

  it('records the change as case.data_changed with the fields it changed', async () => {
    const id = await api.openedId();

    await patch(id, { data: { amount: 1600 } });

    const [, changed] = (await api.history(id)).body.items;
    expect(changed).toMatchObject({ type: 'case.data_changed', sequence: 2 });
  });

  it('answers 428 without If-Match, 412 with a stale one, and changes nothing', async () => {
    const id = await api.openedId();
    await patch(id, { data: { amount: 10 } });

    const missing = await patch(id, { data: { amount: 20 } }, { headers: {} });
    const stale = await patch(id, { data: { amount: 30 } }, { headers: { 'if-match': '"1"' } });
    const weak = await patch(id, { data: { amount: 40 } }, { headers: { 'if-match': 'W/"2"' } });

    expect([missing.status, stale.status, weak.status]).toEqual([428, 412, 412]);
    expect((await api.get(id)).body).toMatchObject({ version: 2, data: { amount: 10 } });
  });

  it('refuses merged data that breaks the dataSchema with 422, even when the patch itself looks harmless', async () => {
    const id = await api.openedId();

    const res = await patch(id, { data: { amount: null, currency: 'eur' } });

    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/body/data/amount',
      '/body/data/currency',
    ]);
  });

  it('lets only the requester or an admin change the data', async () => {
    const id = await api.openedId();

    const approver = await patch(id, { data: { amount: 1 } }, { token: api.cast.approver });
    const admin = await patch(id, { data: { amount: 2 } }, { token: api.cast.admin });

    expect(approver.status).toBe(403);
    expect(admin.status).toBe(200);
  });

  it('refuses a change of a closed case with 409', async () => {
    const id = await api.openedId(300);
    await api.take(id, 'submit', api.cast.requester);
    await api.take(id, 'approve', api.cast.approver);

    const res = await patch(id, { data: { amount: 3000 } });

    expect(res.status).toBe(409);
    expect(res.body.code).toBe('conflict');
  });

  it('refuses a change of the data while approvals toward a quorum are pending', async () => {
    const id = await api.openedId(25_000);
    await api.take(id, 'submit', api.cast.requester);
    await api.take(id, 'approve', api.cast.approver);
    await api.take(id, 'finance-approve', api.cast.secondApprover);

    const res = await patch(id, { data: { amount: 250_000 } });

    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/Approvals toward a quorum/);
  });

  it('changes no version and records nothing for a patch that changes nothing', async () => {
    const id = await api.openedId(500);

    const res = await patch(id, { data: { amount: 500 } });

    expect(res.status).toBe(200);
    expect(res.headers['etag']).toBe('"1"');
    expect((await api.history(id)).body.items).toHaveLength(1);
  });

  it('refuses an empty patch and unknown members with 400', async () => {
    const id = await api.openedId();

    const empty = await patch(id, {});
    const unknown = await patch(id, { state: 'approved' });

    expect(empty.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ pointer: '/body/state' })]);
  });
});
