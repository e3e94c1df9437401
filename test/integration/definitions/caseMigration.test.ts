import { AuditEventTypes } from '../../../shared/db/auditEventSchemas';
import { appendCaseEvent } from '../../../shared/db/caseEvents';
import { applyCaseMigration, planCaseMigration } from '../../../shared/db/caseMigration';
import { historySteps, MIGRATION_STEP } from '../../../shared/db/caseSnapshot';
import { approvalsTowardQuorum } from '../../../shared/workflow/caseSnapshot';
import { Case, CaseEvent } from '../../../shared/db/entities';
import { Problem } from '../../../shared/http/problem';
import { openCaseRow, publishExample, TENANT, user } from '../audit/auditFixture';
import { createTestSchema, type TestSchema } from '../db/testSchema';

let db: TestSchema;
const body = { fromVersion: 1, toVersion: 2, stateMapping: { draft: 'submitted' } };

beforeAll(async () => {
  db = await createTestSchema('case_migration');
});

afterAll(async () => {
  await db.drop();
});

async function casesOnNewKey(key: string, count: number): Promise<string[]> {
  const v1 = await publishExample(db.em(), key);
  await publishExample(db.em(), key);
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await db.em().transactional(async (em) => (await openCaseRow(em, v1)).id));
  return ids;
}

async function versionsOf(ids: string[]): Promise<number[]> {
  const rows = await db.em().find(Case, { id: { $in: ids } }, { populate: ['definition'], orderBy: { id: 'asc' } });
  return rows.map((row) => row.definition.unwrap().version);
}

describe('applyCaseMigration', () => {
  it('fails the whole migration when a planned case changed meanwhile, naming it, and moves none', async () => {
    const ids = await casesOnNewKey('raced', 3);
    const changed = ids[2]!;

    const migration = db.em().transactional(async (em) => {
      const plan = await planCaseMigration(em, TENANT, 'raced', body);
      await db.em().transactional(async (other) => {
        const row = await other.findOneOrFail(Case, changed);
        row.title = 'Changed by someone else';
        await appendCaseEvent(other, { caseId: changed, type: AuditEventTypes.DataChanged, actor: user('rita') });
      });
      return applyCaseMigration(em, plan, user('ada'));
    });

    await expect(migration).rejects.toBeInstanceOf(Problem);
    await expect(migration).rejects.toMatchObject({
      code: 'version_conflict',
      detail: expect.stringContaining(changed),
    });
    expect(await versionsOf(ids)).toEqual([1, 1, 1]);
    expect(await db.em().count(CaseEvent, { case: { $in: ids }, type: AuditEventTypes.Migrated })).toBe(0);
  });

  it('records each moved case with its own migration event by the admin', async () => {
    const ids = await casesOnNewKey('audited', 2);

    const migrated = await db.em().transactional(async (em) => {
      const plan = await planCaseMigration(em, TENANT, 'audited', {
        ...body,
        reason: 'v2 merges draft into submitted',
      });
      return applyCaseMigration(em, plan, user('ada', 'req-migrate'));
    });

    expect(migrated.map((m) => [m.caseId, m.fromState, m.toState, m.version])).toEqual(
      ids.map((id) => [id, 'draft', 'submitted', 2]),
    );
    const events = await db.em().find(CaseEvent, { case: { $in: ids }, type: AuditEventTypes.Migrated });
    expect(events.map((e) => [e.actorOid, e.requestId, e.reason])).toEqual(
      ids.map(() => ['ada', 'req-migrate', 'v2 merges draft into submitted']),
    );
    expect(await versionsOf(ids)).toEqual([2, 2]);
  });
});

describe('a migration and the approvals towards a quorum', () => {
  it('ends the approval round, so approvals given before a migration no longer count after it', async () => {
    const [id] = await casesOnNewKey('quorum_reset', 1);
    const before = await db.em().findOneOrFail(Case, id!);
    await db.em().transactional(async (em) => {
      await appendCaseEvent(em, {
        caseId: id!,
        type: AuditEventTypes.ApprovalRecorded,
        actor: user('arno'),
        transition: 'approve',
      });
    });

    await db.em().transactional(async (em) => {
      const plan = await planCaseMigration(em, TENANT, 'quorum_reset', body);
      return applyCaseMigration(em, plan, user('ada'));
    });

    const after = await db.em().fork().findOneOrFail(Case, id!);
    expect(after.round).toBe(before.round + 1);
    const steps = await historySteps(db.em(), id!);
    expect(steps.map((s) => [s.kind, s.transition])).toEqual([
      ['approval', 'approve'],
      ['applied', MIGRATION_STEP],
    ]);
    expect(
      approvalsTowardQuorum({ state: after.state, data: {}, requester: '', assignee: null, history: steps }, 'approve'),
    ).toEqual([]);
  });
});
