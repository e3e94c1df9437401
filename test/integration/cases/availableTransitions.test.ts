import { startCaseApi, type CaseApi } from './caseApi';

let api: CaseApi;

beforeAll(async () => {
  api = await startCaseApi();
});

afterAll(async () => {
  await api.close();
});

function available(caseId: string, token: string) {
  return api.app.request('GET', `/api/v1/cases/${caseId}/transitions`, { token });
}

function byName(items: { name: string }[]) {
  return Object.fromEntries(items.map((item) => [item.name, item]));
}

describe('GET /api/v1/cases/{caseId}/transitions', () => {
  it('lists what leaves the current state, each available or with the reason it is not', async () => {
    const id = await api.openedId();
    await api.take(id, 'submit', api.cast.requester);

    const forApprover = await available(id, api.cast.approver);
    const forRequester = await available(id, api.cast.requester);

    expect(forApprover.status).toBe(200);
    expect(forApprover.headers['etag']).toBe('"2"');
    expect(forApprover.body).toMatchObject({ caseId: id, state: 'submitted', version: 2 });
    expect(byName(forApprover.body.items)).toEqual({
      approve: expect.objectContaining({ available: true, stepUp: false, needsInput: false }),
      reject: expect.objectContaining({ available: true, needsInput: true }),
    });
    expect(byName(forRequester.body.items)['approve']).toMatchObject({ available: false, reason: 'role' });
  });

  it('says when the requester is kept out by separation of duties', async () => {
    const id = await api.openedId(900, api.cast.approver);
    await api.take(id, 'submit', api.cast.approver);

    const res = await available(id, api.cast.approver);

    expect(byName(res.body.items)['approve']).toMatchObject({ available: false, reason: 'separation_of_duties' });
  });

  it('shows quorum progress and step-up for the finance approval', async () => {
    const id = await api.openedId(30_000);
    await api.take(id, 'submit', api.cast.requester);
    await api.take(id, 'approve', api.cast.approver);
    await api.take(id, 'finance-approve', api.cast.secondApprover);
    const unstepped = await api.app.token({ user: 'dora', roles: ['Signoff.Approver'] });

    const third = await available(id, api.cast.thirdApprover);
    const second = await available(id, api.cast.secondApprover);
    const withoutMfa = await available(id, unstepped);

    expect(byName(third.body.items)['finance-approve']).toMatchObject({
      available: true,
      stepUp: false,
      quorum: { approvals: 1, needed: 2 },
    });
    expect(byName(second.body.items)['finance-approve']).toMatchObject({
      available: false,
      reason: 'duplicate_approval',
    });
    expect(byName(withoutMfa.body.items)['finance-approve']).toMatchObject({ available: true, stepUp: true });
  });

  it('lists nothing for a closed case, and answers 404 for a missing one', async () => {
    const id = await api.openedId(10);
    await api.take(id, 'submit', api.cast.requester);
    await api.take(id, 'approve', api.cast.approver);

    expect((await available(id, api.cast.approver)).body.items).toEqual([]);
    expect((await available('01900000-0000-7000-8000-000000000000', api.cast.approver)).status).toBe(404);
  });
});
