import { Roles } from '../../shared/auth/roles';
import { startCasesDevhost, type CasesDevhost } from './casesClient';

jest.setTimeout(120_000);

let host: CasesDevhost;

beforeAll(async () => {
  host = await startCasesDevhost('cases-race');
}, 90_000);

afterAll(async () => {
  await host?.stop();
});

describe('100 concurrent transitions of one case over HTTP', () => {
  it('apply exactly once with one audit event; every other answer is a 409 or 412 problem', async () => {
    const requester = await host.token('rita', [Roles.Requester]);
    const approvers = await Promise.all(
      ['arno', 'bea', 'cai', 'dan'].map((user) => host.token(user, [Roles.Approver])),
    );
    const opened = await host.open(requester, 'Contested laptop', 1450);
    const caseId = String(opened.body.id);
    const submitted = await host.take(caseId, 'submit', requester);
    const etag = submitted.headers['etag']!;

    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        i % 2 === 0
          ? host.take(caseId, 'approve', approvers[i % 4]!, { etag })
          : host.take(caseId, 'reject', approvers[i % 4]!, { etag, body: { reason: `no ${i}` } }),
      ),
    );

    const applied = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status !== 200);
    expect(applied).toHaveLength(1);
    expect(refused).toHaveLength(99);
    for (const answer of refused) {
      expect([409, 412]).toContain(answer.status);
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(['version_conflict', 'precondition_failed', 'transition_not_allowed']).toContain(answer.body.code);
    }
    const history = await host.send('GET', `/api/v1/cases/${caseId}/events`, requester);
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual([
      'case.opened',
      'case.transitioned',
      'case.transitioned',
    ]);
    expect(history.body.items[2].transition).toBe(applied[0]!.body.event.transition);
    const current = await host.send('GET', `/api/v1/cases/${caseId}`, requester);
    expect(current.body.version).toBe(3);
  });
});
