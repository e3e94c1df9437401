import { Roles } from '../../shared/auth/roles';
import { startCasesDevhost, type CasesDevhost } from './casesClient';

jest.setTimeout(120_000);

let host: CasesDevhost;
let requester: string;
let approver: string;

beforeAll(async () => {
  host = await startCasesDevhost('cases-flow');
  requester = await host.token('rita', [Roles.Requester]);
  approver = await host.token('arno', [Roles.Approver]);
}, 90_000);

afterAll(async () => {
  await host?.stop();
});

async function submitted(amount: number, by = requester): Promise<string> {
  const opened = await host.open(by, `Purchase of ${amount}`, amount);
  expect(opened.status).toBe(201);
  const caseId = String(opened.body.id);
  expect((await host.take(caseId, 'submit', by)).status).toBe(200);
  return caseId;
}

describe('the purchase-request workflow over HTTP', () => {
  it('routes on the amount: up to 10,000 approved at once, above it on to finance review', async () => {
    const small = await submitted(9_000);
    const large = await submitted(25_000);

    const smallAnswer = await host.take(small, 'approve', approver);
    const largeAnswer = await host.take(large, 'approve', approver);

    expect(smallAnswer.body.case.state).toBe('approved');
    expect(largeAnswer.body.case.state).toBe('finance-review');
  });

  it('refuses an approver who opened the case from approving it', async () => {
    const own = await submitted(500, approver);

    const res = await host.take(own, 'approve', approver);

    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body.detail).toMatch(/requester may not/);
    const current = await host.send('GET', `/api/v1/cases/${own}`, approver);
    expect(current.body.state).toBe('submitted');
  });

  it('needs two of three finance approvers: the first is recorded, the second applies, the third is too late', async () => {
    const caseId = await submitted(40_000);
    await host.take(caseId, 'approve', approver);
    const finance = await Promise.all(['fay', 'finn', 'flo'].map((user) => host.token(user, [Roles.Approver], true)));

    const first = await host.take(caseId, 'finance-approve', finance[0]!);
    const repeat = await host.take(caseId, 'finance-approve', finance[0]!);
    const second = await host.take(caseId, 'finance-approve', finance[1]!);
    const third = await host.take(caseId, 'finance-approve', finance[2]!);

    expect(first.status).toBe(202);
    expect(first.body.quorum).toEqual({ approvals: 1, needed: 2 });
    expect(repeat.status).toBe(403);
    expect(second.status).toBe(200);
    expect(second.body.case.state).toBe('approved');
    expect(third.status).toBe(409);
    expect(third.body.code).toBe('transition_not_allowed');
    const events = await host.send('GET', `/api/v1/cases/${caseId}/events`, approver);
    expect(events.body.items.map((e: { type: string }) => e.type)).toEqual([
      'case.opened',
      'case.transitioned',
      'case.transitioned',
      'case.approval_recorded',
      'case.transitioned',
    ]);
    expect(second.body.case.approvals).toHaveLength(2);
  });
});
