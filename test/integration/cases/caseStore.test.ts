import { OptimisticLockError, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { PrincipalActor } from '../../../shared/db/actor';
import { caseSnapshot } from '../../../shared/db/caseSnapshot';
import {
  caseApprovals,
  DuplicateApprovalError,
  findCase,
  openCase,
  recordApproval,
  transitionCase,
} from '../../../shared/db/cases';
import { publishDefinition } from '../../../shared/db/definitions';
import { CaseApproval, type WorkflowDefinition } from '../../../shared/db/entities';
import { approvalsTowardQuorum } from '../../../shared/workflow/caseSnapshot';
import { purchaseRequestDefinition } from '../../unit/workflow/definitions';
import { createTestSchema, type TestSchema } from '../db/testSchema';

const TENANT = 'tenant-a';
const actor = (oid: string): PrincipalActor => ({
  type: 'user',
  oid,
  tenantId: TENANT,
  clientAppId: 'client-app',
  requestId: `req-${oid}`,
});

let db: TestSchema;
let definition: WorkflowDefinition;

beforeAll(async () => {
  db = await createTestSchema('case_store');
  definition = await db.em().transactional((em) => publishDefinition(em, purchaseRequestDefinition(), 'admin'));
});

afterAll(async () => {
  await db.drop();
});

async function inFinanceReview(): Promise<string> {
  const opened = await db
    .em()
    .transactional((em) => openCase(em, { definition, title: 'Servers', data: { amount: 40_000 } }, actor('rita')));
  const id = opened.case.id;
  for (const [transition, to, by] of [
    ['submit', 'submitted', 'rita'],
    ['approve', 'finance-review', 'arno'],
  ] as const) {
    await db
      .em()
      .transactional(async (em) =>
        transitionCase(em, (await findCase(em, TENANT, id))!, { transition, to }, actor(by)),
      );
  }
  return id;
}

function approve(caseId: string, approver: string) {
  return db.em().transactional(async (em) => {
    const row = (await findCase(em, TENANT, caseId))!;
    const change = { transition: 'finance-approve', approvals: 1, needed: 2 };
    return recordApproval(em, row, change, actor(approver));
  });
}

describe('approvals toward a quorum', () => {
  it('are recorded in the current round and bump the case version, which a stale writer then fails on', async () => {
    const id = await inFinanceReview();
    const staleEm = db.em();
    const stale = (await findCase(staleEm, TENANT, id))!;

    const recorded = await approve(id, 'fay');
    const late = staleEm.transactional((em) =>
      recordApproval(em, em.merge(stale), { transition: 'finance-approve', approvals: 1, needed: 2 }, actor('finn')),
    );

    expect(recorded.case).toMatchObject({ version: 4, round: 3 });
    await expect(late).rejects.toBeInstanceOf(OptimisticLockError);
    expect((await caseApprovals(db.em(), id)).map((a) => a.approver)).toEqual(['fay']);
  });

  it('count once per approver and round: the unique index refuses a second row', async () => {
    const id = await inFinanceReview();
    const recorded = await approve(id, 'fay');

    const twice = db.em().transactional(async (em) => {
      em.create(CaseApproval, {
        id: '01900000-0000-7000-8000-00000000000a',
        case: id,
        transition: 'finance-approve',
        round: recorded.case.round,
        approver: 'fay',
        eventId: recorded.event.id,
        approvedAt: new Date(),
      });
      await em.flush();
    });

    await expect(twice).rejects.toBeInstanceOf(UniqueConstraintViolationException);
  });

  it('turn a duplicate the index refuses into DuplicateApprovalError', async () => {
    const id = await inFinanceReview();
    await approve(id, 'fay');

    await expect(approve(id, 'fay')).rejects.toBeInstanceOf(DuplicateApprovalError);
  });

  it('stop counting once the case moves: the round ends and the snapshot has no approvals toward it', async () => {
    const id = await inFinanceReview();
    await approve(id, 'fay');
    await db.em().transactional(async (em) => {
      const row = (await findCase(em, TENANT, id))!;
      await transitionCase(
        em,
        row,
        { transition: 'reject', to: 'rejected', reason: 'changed our mind' },
        actor('arno'),
      );
    });

    const row = (await findCase(db.em(), TENANT, id))!;
    const snapshot = await caseSnapshot(db.em(), row);

    expect(row.round).toBe(4);
    expect(approvalsTowardQuorum(snapshot, 'finance-approve')).toEqual([]);
    expect(snapshot.history.map((step) => [step.kind, step.transition, step.actor])).toEqual([
      ['applied', 'submit', 'rita'],
      ['applied', 'approve', 'arno'],
      ['approval', 'finance-approve', 'fay'],
      ['applied', 'reject', 'arno'],
    ]);
  });

  it('record the final approver of a quorum too, in the round the move ends', async () => {
    const id = await inFinanceReview();
    await approve(id, 'fay');

    await db.em().transactional(async (em) => {
      const row = (await findCase(em, TENANT, id))!;
      const change = { transition: 'finance-approve', to: 'approved', approvers: ['fay', 'finn'] };
      await transitionCase(em, row, change, actor('finn'));
    });

    const approvals = await caseApprovals(db.em(), id);
    expect(approvals.map((a) => [a.approver, a.round])).toEqual([
      ['fay', 3],
      ['finn', 3],
    ]);
  });
});
