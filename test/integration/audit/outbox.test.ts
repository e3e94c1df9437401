import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditEventTypes } from '../../../shared/db/auditEventSchemas';
import { appendCaseEvent } from '../../../shared/db/caseEvents';
import { OutboxMessage, type WorkflowDefinition } from '../../../shared/db/entities';
import { claimOutbox, markProcessed } from '../../../shared/db/outbox';
import { MAX_RETRY_DELAY_MS, relayOutbox, retryDelayMs } from '../../../shared/db/outboxRelay';
import { createLogger } from '../../../shared/telemetry/logger';
import { createTestSchema, type TestSchema } from '../db/testSchema';
import { openCaseRow, publishExample, rawSql, user } from './auditFixture';

let db: TestSchema;
let definition: WorkflowDefinition;
const log = createLogger(() => undefined);

beforeAll(async () => {
  db = await createTestSchema('audit_outbox');
  definition = await publishExample(db.em());
});

afterAll(async () => {
  await db.drop();
});

beforeEach(async () => {
  // Each test starts with nothing pending; processed rows stay as the relay left them.
  await rawSql(db, `update "${db.schema}".outbox set processed_at = now() where processed_at is null`);
});

/** Opens `count` cases, each with one outbox message, in the order given. */
async function openCases(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(await db.em().transactional(async (em) => (await openCaseRow(em, definition)).id));
  }
  return ids;
}

function pendingCaseIds(): Promise<string[]> {
  return db
    .em()
    .find(OutboxMessage, { processedAt: null }, { orderBy: { availableAt: 'asc', id: 'asc' } })
    .then((rows) => rows.map((r) => r.case));
}

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('claimOutbox', () => {
  it('claims pending messages oldest first, at most the limit', async () => {
    const ids = await openCases(3);

    const claimed = await db.em().transactional((em) => claimOutbox(em, 2));

    expect(claimed.map((m) => m.case)).toEqual(ids.slice(0, 2));
  });

  it('skips messages another relay holds instead of waiting for them', async () => {
    const ids = await openCases(4);
    const firstClaimed = deferred();
    const secondDone = deferred();

    const first = db.em().transactional(async (em: EntityManager) => {
      const claimed = await claimOutbox(em, 2);
      firstClaimed.resolve();
      await secondDone.promise;
      return claimed.map((m) => m.case);
    });
    await firstClaimed.promise;
    const second = await db.em().transactional(async (em) => (await claimOutbox(em, 10)).map((m) => m.case));
    secondDone.resolve();

    expect(await first).toEqual(ids.slice(0, 2));
    expect(second).toEqual(ids.slice(2));
  });

  it('no longer offers a message once it is marked processed', async () => {
    const [id] = await openCases(1);

    await db.em().transactional(async (em) =>
      markProcessed(
        em,
        (await claimOutbox(em, 10)).map((m) => m.id),
      ),
    );

    expect(await pendingCaseIds()).not.toContain(id);
  });

  it('has a partial index over pending messages only', async () => {
    const [index] = await rawSql(db, `select indexdef from pg_indexes where schemaname = ? and indexname = ?`, [
      db.schema,
      'outbox_pending_idx',
    ]);

    expect(index?.['indexdef']).toMatch(/\(available_at, id\) WHERE \(processed_at IS NULL\)/);
  });
});

describe('relayOutbox', () => {
  it('delivers every pending message once and marks it processed', async () => {
    const ids = await openCases(3);
    const seen: string[] = [];

    const result = await relayOutbox(db.em(), async (m) => void seen.push(m.case), { log });
    const again = await relayOutbox(db.em(), async (m) => void seen.push(m.case), { log });

    expect(result).toEqual({ claimed: 3, delivered: 3, failed: 0 });
    expect(again.claimed).toBe(0);
    expect(seen).toEqual(ids);
  });

  it('carries the case, the event and the version each message announces', async () => {
    const [id] = await openCases(1);
    await db
      .em()
      .transactional((em) =>
        appendCaseEvent(em, { caseId: id!, type: AuditEventTypes.Commented, actor: user('rita') }),
      );
    const payloads: Record<string, unknown>[] = [];

    await relayOutbox(db.em(), async (m) => void payloads.push(m.payload), { log });

    expect(payloads.map((p) => [p['caseId'], p['eventType'], p['sequence'], p['version']])).toEqual([
      [id, 'case.opened', 1, 1],
      [id, 'case.commented', 2, 1],
    ]);
  });

  it('keeps a failed message pending, counts the attempt and holds it back before retrying', async () => {
    const [bad] = await openCases(2);

    const result = await relayOutbox(
      db.em(),
      async (m) => {
        if (m.case === bad) throw new TypeError('orchestration unreachable');
      },
      { log },
    );

    expect(result).toEqual({ claimed: 2, delivered: 1, failed: 1 });
    const [row] = await db.em().find(OutboxMessage, { case: bad });
    expect(row).toMatchObject({ attempts: 1, lastError: 'TypeError: delivery failed', processedAt: null });
    expect(row!.availableAt.getTime()).toBeGreaterThan(Date.now());
    expect(await pendingCaseIds()).toEqual([bad]);
    expect((await relayOutbox(db.em(), async () => {}, { log })).claimed).toBe(0);
  });

  it('delivers a held-back message again once its retry time has come', async () => {
    const [id] = await openCases(1);
    await relayOutbox(db.em(), () => Promise.reject(new Error('down')), { log });
    await rawSql(db, `update "${db.schema}".outbox set available_at = now() - interval '1 second' where case_id = ?`, [
      id,
    ]);

    const retried = await relayOutbox(db.em(), async () => {}, { log });

    expect(retried).toEqual({ claimed: 1, delivered: 1, failed: 0 });
  });

  it('leaves everything pending when the run dies before it commits', async () => {
    const ids = await openCases(2);

    const dying = db.em().transactional(async (em) => {
      await relayOutbox(em, async () => {}, { log });
      throw new Error('process killed');
    });

    await expect(dying).rejects.toThrow('process killed');
    expect(await pendingCaseIds()).toEqual(ids);
  });
});

describe('retryDelayMs', () => {
  it('doubles from 2 seconds and stops at 15 minutes', () => {
    expect([1, 2, 3].map(retryDelayMs)).toEqual([2000, 4000, 8000]);
    expect(retryDelayMs(40)).toBe(MAX_RETRY_DELAY_MS);
  });
});
