import { Case, CaseEvent, OutboxMessage, type WorkflowDefinition } from '../../../shared/db/entities';
import { AuditEventTypes, type NewCaseEvent } from '../../../shared/db/auditEventSchemas';
import { appendCaseEvent } from '../../../shared/db/caseEvents';
import { systemActor } from '../../../shared/db/actor';
import { storedEventPage } from '../../../shared/db/storedEvents';
import { verifyCaseChain } from '../../../shared/db/verifyCaseChain';
import { createTestSchema, type TestSchema } from '../db/testSchema';
import { openCaseRow, publishExample, tamper, TENANT, user } from './auditFixture';

let db: TestSchema;
let definition: WorkflowDefinition;

beforeAll(async () => {
  db = await createTestSchema('audit_append');
  definition = await publishExample(db.em());
});

afterAll(async () => {
  await db.drop();
});

async function newCase(data?: Record<string, unknown>): Promise<string> {
  return db.em().transactional(async (em) => (await openCaseRow(em, definition, { data })).id);
}

/** Changes the case row with `change`, then appends `event`, in one transaction. */
function record(caseId: string, event: Omit<NewCaseEvent, 'caseId'>, change: (row: Case) => void = () => {}) {
  return db.em().transactional(async (em) => {
    const row = await em.findOneOrFail(Case, caseId);
    change(row);
    return appendCaseEvent(em, { caseId, ...event });
  });
}

async function stored(caseId: string) {
  return storedEventPage(db.em(), caseId, 0);
}

describe('appendCaseEvent', () => {
  it('records a new case with its actor, tenant, client app, request and full state after', async () => {
    const id = await newCase({ amount: 100, currency: 'EUR' });

    const [opened, ...rest] = await stored(id);

    expect(rest).toEqual([]);
    expect(opened).toMatchObject({
      sequence: 1,
      type: 'case.opened',
      tenantId: TENANT,
      actorType: 'user',
      actorOid: 'rita',
      clientAppId: 'client-app',
      requestId: 'req-open',
      fromState: null,
      toState: 'draft',
      before: null,
      after: {
        title: 'Laptop',
        state: 'draft',
        assignee: null,
        data: { amount: 100, currency: 'EUR' },
        definitionKey: 'purchase-request',
        definitionVersion: definition.version,
      },
      changedFields: ['/assignee', '/data', '/definitionKey', '/definitionVersion', '/state', '/title'],
      prevHash: null,
    });
    expect(opened?.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}000Z$/);
  });

  it('records a transition with its reason, the states before and after and what changed', async () => {
    const id = await newCase();

    await record(
      id,
      { type: AuditEventTypes.Transitioned, actor: user('rita', 'req-submit'), transition: 'submit', reason: 'Needed' },
      (row) => (row.state = 'submitted'),
    );

    const [, moved] = await stored(id);
    expect(moved).toMatchObject({
      sequence: 2,
      transition: 'submit',
      reason: 'Needed',
      requestId: 'req-submit',
      fromState: 'draft',
      toState: 'submitted',
      before: { state: 'draft' },
      after: { state: 'submitted' },
      changedFields: ['/state'],
    });
  });

  it('names the JSON pointers of the data fields a data change touched', async () => {
    const id = await newCase({ amount: 100, vendor: { name: 'Acme', city: 'Ghent' }, lines: [1] });

    await record(id, { type: AuditEventTypes.DataChanged, actor: user('rita') }, (row) => {
      row.data = { amount: 120, vendor: { name: 'Acme', city: 'Bruges' }, lines: [1], note: 'x' };
    });

    const [, changed] = await stored(id);
    expect(changed?.changedFields).toEqual(['/data/amount', '/data/note', '/data/vendor/city']);
    expect(changed?.before?.data).toEqual({ amount: 100, vendor: { name: 'Acme', city: 'Ghent' }, lines: [1] });
  });

  it('records approvals toward a quorum, assignments, comments and system actions', async () => {
    const id = await newCase();
    const approver = user('arno');

    await record(id, {
      type: AuditEventTypes.ApprovalRecorded,
      actor: approver,
      transition: 'finance-approve',
      payload: { approvals: 1, needed: 2 },
    });
    await record(id, { type: AuditEventTypes.Assigned, actor: approver }, (row) => (row.assignee = 'fiona'));
    await record(id, { type: AuditEventTypes.Commented, actor: approver, payload: { comment: 'Looks fine' } });
    await record(id, {
      type: AuditEventTypes.SystemAction,
      actor: systemActor('timer-1'),
      payload: { action: 'reminded' },
    });

    const events = await stored(id);
    expect(events.map((e) => [e.type, e.actorType, e.changedFields])).toEqual([
      ['case.opened', 'user', expect.any(Array)],
      ['case.approval_recorded', 'user', []],
      ['case.assigned', 'user', ['/assignee']],
      ['case.commented', 'user', []],
      ['case.system_action', 'system', []],
    ]);
    expect(events[1]?.payload).toEqual({ approvals: 1, needed: 2 });
    expect(events[4]).toMatchObject({ tenantId: TENANT, actorOid: null, requestId: 'timer-1' });
  });

  it('writes one outbox message per event in the same transaction, naming the event and the case version', async () => {
    const id = await newCase();
    await record(id, { type: AuditEventTypes.Commented, actor: user('rita') });
    await record(id, { type: AuditEventTypes.Transitioned, actor: user('rita') }, (row) => (row.state = 'submitted'));

    const events = await stored(id);
    const messages = await db.em().find(OutboxMessage, { case: id }, { orderBy: { createdAt: 'asc', id: 'asc' } });

    expect(messages.map((m) => m.payload)).toEqual(
      events.map((e, index) => ({
        caseId: id,
        eventId: e.id,
        eventType: e.type,
        sequence: e.sequence,
        version: index === 2 ? 2 : 1,
        state: e.toState,
      })),
    );
    expect(messages.every((m) => m.kind === 'case.changed' && m.processedAt === null)).toBe(true);
  });

  it('leaves neither event nor outbox message when the transaction rolls back', async () => {
    const id = await newCase();

    const failing = db.em().transactional(async (em) => {
      await appendCaseEvent(em, { caseId: id, type: AuditEventTypes.Commented, actor: user('rita') });
      throw new Error('the change failed after the event');
    });

    await expect(failing).rejects.toThrow('the change failed');
    expect(await db.em().count(CaseEvent, { case: id })).toBe(1);
    expect(await db.em().count(OutboxMessage, { case: id })).toBe(1);
  });

  it('keeps one unforked chain when many transactions append to one case at once', async () => {
    const id = await newCase();

    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        record(id, { type: AuditEventTypes.Commented, actor: user(`u${i}`), payload: { i } }),
      ),
    );

    const events = await stored(id);
    expect(events.map((e) => e.sequence)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    expect(await verifyCaseChain(db.em(), id)).toMatchObject({ valid: true, events: 13 });
  });

  it('chains several events appended in one transaction', async () => {
    const id = await newCase();

    await db.em().transactional(async (em) => {
      const row = await em.findOneOrFail(Case, id);
      await appendCaseEvent(em, { caseId: id, type: AuditEventTypes.ApprovalRecorded, actor: user('a') });
      row.state = 'submitted';
      await appendCaseEvent(em, { caseId: id, type: AuditEventTypes.Transitioned, actor: user('a') });
    });

    const events = await stored(id);
    expect(events.map((e) => [e.sequence, e.changedFields])).toEqual([
      [1, expect.any(Array)],
      [2, []],
      [3, ['/state']],
    ]);
    expect(events[2]?.prevHash).toBe(events[1]?.hash);
  });

  it('refuses a second case.opened, an event before case.opened, and an actor of another tenant', async () => {
    const id = await newCase();
    const stranger = { ...user('mallory'), tenantId: 'tenant-other' };

    await expect(record(id, { type: AuditEventTypes.Opened, actor: user('rita') })).rejects.toThrow(/exactly one/);
    await expect(record(id, { type: AuditEventTypes.Commented, actor: stranger })).rejects.toThrow(/another tenant/);
    await expect(
      db.em().transactional((em) =>
        appendCaseEvent(em, {
          caseId: '01900000-0000-7000-8000-00000000abcd',
          type: AuditEventTypes.Commented,
          actor: user('rita'),
        }),
      ),
    ).rejects.toThrow(/No case/);
  });
});

describe('verifyCaseChain', () => {
  it('follows the chain across pages and finds a break on a later page', async () => {
    const id = await newCase();
    for (let i = 0; i < 6; i++)
      await record(id, { type: AuditEventTypes.Commented, actor: user('rita'), payload: { i } });
    const [, , , , , sixth] = await stored(id);

    expect(await verifyCaseChain(db.em(), id, 2)).toMatchObject({ valid: true, events: 7, headSequence: 7 });
    await tamper(db.em(), db.schema, `update "${db.schema}".case_events set payload = '{}' where id = ?`, [sixth?.id]);
    expect(await verifyCaseChain(db.em(), id, 2)).toMatchObject({
      valid: false,
      events: 6,
      headSequence: 5,
      firstBrokenLink: { sequence: 6, eventId: sixth?.id, reason: 'hash_mismatch' },
    });
  });
});

describe('hashes over stored values', () => {
  it('verify after jsonb reorders keys and re-renders numbers and text', async () => {
    const data = {
      zeta: { b: [1.5, 0.1, 1e21, -0, 1.5e300, 5e-324], a: 'ünïcødé 🚀 "quoted" \\ back' },
      alpha: { nested: { deep: true, list: [{ y: 1, x: 2 }] } },
      n: 2 ** 53 - 1,
      '': 'empty key',
    };
    const id = await newCase(data);
    await record(id, { type: AuditEventTypes.DataChanged, actor: user('rita') }, (row) => {
      row.data = { ...data, n: -(2 ** 53 - 1), added: { 'a/b': 1 } };
    });

    expect(await verifyCaseChain(db.em(), id)).toMatchObject({ valid: true, events: 2, firstBrokenLink: null });
  });
});
