import { startCaseApi, idempotencyKey, type CaseApi } from './caseApi';

let api: CaseApi;

beforeAll(async () => {
  api = await startCaseApi();
});

afterAll(async () => {
  await api.close();
});

function openWithout(headers: Record<string, string>, body: unknown) {
  return api.app.request('POST', '/api/v1/cases', { token: api.cast.requester, headers, body });
}

describe('POST /api/v1/cases', () => {
  it('opens a case in the initial state, records the requester and answers with Location and a strong ETag', async () => {
    const res = await api.open();

    expect(res.status).toBe(201);
    expect(res.headers['location']).toBe(`/api/v1/cases/${res.body.id}`);
    expect(res.headers['etag']).toBe('"1"');
    expect(res.body).toMatchObject({
      workflow: { key: 'purchase-request', version: 1 },
      state: 'draft',
      version: 1,
      round: 1,
      approvals: [],
      requester: api.oids.requester,
      assignee: null,
      data: { amount: 1450, currency: 'EUR' },
      nextTransitions: ['submit'],
    });
  });

  it('refuses a request without Idempotency-Key with 400 idempotency_key_required and opens nothing', async () => {
    const before = await api.app.request('GET', '/api/v1/cases?limit=200', { token: api.cast.reader });

    const res = await openWithout({}, { workflowKey: 'purchase-request', title: 'x', data: { amount: 1 } });

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body.code).toBe('idempotency_key_required');
    const after = await api.app.request('GET', '/api/v1/cases?limit=200', { token: api.cast.reader });
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('answers a retry with the same key with the first case instead of opening another', async () => {
    const headers = idempotencyKey();
    const body = { workflowKey: 'purchase-request', title: 'Monitor', data: { amount: 300 } };

    const first = await openWithout(headers, body);
    const retry = await openWithout(headers, body);

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
  });

  it("refuses data that breaks the workflow's dataSchema with 422, naming every field", async () => {
    const res = await api.open({ data: { amount: -5, currency: 'euro', supplier: 7 } });

    expect(res.status).toBe(422);
    expect(res.body.code).toBe('unprocessable');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/body/data/amount',
      '/body/data/currency',
      '/body/data/supplier',
    ]);
  });

  it('refuses data missing a field the dataSchema requires with 422 at that field', async () => {
    const res = await api.open({ data: { currency: 'EUR' } });

    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/body/data/amount' })]);
  });

  it('answers 422 for a workflow key nobody published', async () => {
    const res = await api.open({ workflowKey: 'unheard-of' });

    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/body/workflowKey' })]);
  });

  it('needs the requester role', async () => {
    const res = await api.open({}, api.cast.reader);

    expect(res.status).toBe(403);
  });

  it('refuses case data PostgreSQL cannot store as 400 rather than failing', async () => {
    const res = await api.open({ data: { amount: 1, note: 'a\u0000b' } });

    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/body/data/note' })]);
  });

  it('records an application acting on its own as an app requester', async () => {
    const id = await api.openedId(10, api.cast.app);

    const [event] = (await api.history(id)).body.items;

    expect(event.actor).toMatchObject({ type: 'app', objectId: api.oids.app });
  });
});
