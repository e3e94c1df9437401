import { OptimisticLockError } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../../shared/db/actor';
import { caseHistory } from '../../../shared/db/caseEvents';
import { verifyCaseChain } from '../../../shared/db/verifyCaseChain';
import { findCase, openCase, transitionCase } from '../../../shared/db/cases';
import { publishDefinition } from '../../../shared/db/definitions';
import { OutboxMessage, type WorkflowDefinition } from '../../../shared/db/entities';
import { purchaseRequestDefinition } from '../../unit/workflow/definitions';
import { createTestSchema, type TestSchema } from './testSchema';

const TENANT = 'tenant-a';
const requester: Actor & { oid: string; tenantId: string } = {
  type: 'user',
  oid: 'requester-oid',
  tenantId: TENANT,
  clientAppId: 'client-app',
  requestId: 'req-open',
};
const approver: Actor = { ...requester, oid: 'approver-oid', requestId: 'req-approve' };

let db: TestSchema;
let definition: WorkflowDefinition;

beforeAll(async () => {
  db = await createTestSchema('cases');
  definition = await db.em().transactional((em) => publishDefinition(em, purchaseRequestDefinition(), 'admin'));
});

afterAll(async () => {
  await db.drop();
});

async function newCase(): Promise<string> {
  const opened = await db
    .em()
    .transactional((em) =>
      openCase(em, { definition, title: 'Laptop', data: { amount: 1200, currency: 'EUR' } }, requester),
    );
  return opened.case.id;
}

async function move(caseId: string, transition: string, to: string, actor: Actor = requester) {
  return db.em().transactional(async (em) => {
    const row = (await findCase(em, TENANT, caseId))!;
    return transitionCase(em, row, { transition, to, reason: `${transition} please` }, actor);
  });
}

function deferred(): { promise: Promise<void>; resolve(): void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('openCase', () => {
  it('stores the case in the initial state at version 1, requested by the actor', async () => {
    const id = await newCase();

    const row = await findCase(db.em(), TENANT, id);
    expect(row).toMatchObject({ state: 'draft', version: 1, requester: 'requester-oid', title: 'Laptop' });
    expect(row?.data).toEqual({ amount: 1200, currency: 'EUR' });
    expect(row?.definition.unwrap().document.key).toBe('purchase-request');
  });

  it('records who opened it, from which app and request, as the first event of the chain', async () => {
    const id = await newCase();

    const [opened, ...rest] = await caseHistory(db.em(), id);
    expect(rest).toEqual([]);
    expect(opened).toMatchObject({
      sequence: 1,
      type: 'case.opened',
      actorOid: 'requester-oid',
      actorType: 'user',
      tenantId: TENANT,
      clientAppId: 'client-app',
      requestId: 'req-open',
      toState: 'draft',
      prevHash: null,
      payload: { title: 'Laptop', data: { amount: 1200, currency: 'EUR' }, definitionVersion: 1 },
    });
  });

  it('writes an outbox message with the change', async () => {
    const id = await newCase();

    const messages = await db.em().find(OutboxMessage, { case: id });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      kind: 'case.changed',
      processedAt: null,
      payload: { state: 'draft', version: 1 },
    });
  });

  it('is invisible to another tenant', async () => {
    const id = await newCase();

    expect(await findCase(db.em(), 'tenant-b', id)).toBeNull();
  });
});

describe('transitionCase', () => {
  it('moves the case, bumps its version and records the transition with its reason', async () => {
    const id = await newCase();

    const { case: moved, event } = await move(id, 'submit', 'submitted');

    expect(moved).toMatchObject({ state: 'submitted', version: 2 });
    expect(event).toMatchObject({ sequence: 2, fromState: 'draft', toState: 'submitted', reason: 'submit please' });
    expect((await findCase(db.em(), TENANT, id))?.version).toBe(2);
  });

  it('announces each change in the outbox with the new version', async () => {
    const id = await newCase();
    await move(id, 'submit', 'submitted');

    const messages = await db.em().find(OutboxMessage, { case: id }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    expect(messages.map((m) => m.payload['version'])).toEqual([1, 2]);
  });

  it('refuses a write based on a stale read and leaves no trace of it', async () => {
    const id = await newCase();
    const staleEm = db.em();
    const stale = (await findCase(staleEm, TENANT, id))!;
    await move(id, 'submit', 'submitted');

    const attempt = staleEm.transactional((em) =>
      transitionCase(em, em.merge(stale), { transition: 'submit', to: 'submitted' }, requester),
    );

    await expect(attempt).rejects.toBeInstanceOf(OptimisticLockError);
    expect((await caseHistory(db.em(), id)).map((e) => e.sequence)).toEqual([1, 2]);
    expect(await db.em().count(OutboxMessage, { case: id })).toBe(2);
  });

  it('lets exactly one of two concurrent transitions apply; the other fails its version check', async () => {
    const id = await newCase();
    const bothLoaded = [deferred(), deferred()];
    const firstWrote = deferred();

    const attempt = (index: 0 | 1, transition: string, to: string) =>
      db.em().transactional(async (em: EntityManager) => {
        const row = (await findCase(em, TENANT, id))!;
        bothLoaded[index]!.resolve();
        await Promise.all(bothLoaded.map((d) => d.promise));
        if (index === 1) await firstWrote.promise;
        const result = await transitionCase(em, row, { transition, to }, approver);
        // The first writer holds the row lock until commit; the second UPDATE waits on it meanwhile.
        if (index === 0) setTimeout(firstWrote.resolve, 0);
        return result;
      });

    const results = await Promise.allSettled([attempt(0, 'submit', 'submitted'), attempt(1, 'submit', 'submitted')]);

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(OptimisticLockError);
    expect((await caseHistory(db.em(), id)).map((e) => e.sequence)).toEqual([1, 2]);
  });
});

describe('the audit chain', () => {
  it('links every event of a case to the one before and verifies after a round trip', async () => {
    const id = await newCase();
    await move(id, 'submit', 'submitted');
    await move(id, 'approve', 'approved', approver);

    const events = await caseHistory(db.em(), id);

    expect(events.map((e) => e.type)).toEqual(['case.opened', 'case.transitioned', 'case.transitioned']);
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(events[2]?.prevHash).toBe(events[1]?.hash);
    expect(await verifyCaseChain(db.em(), id)).toMatchObject({ valid: true, events: 3 });
  });

  it('still verifies when the stored JSON comes back reordered and renumbered by jsonb', async () => {
    const data = {
      zeta: { b: [1.5, 0.1, 1e21, -0], a: 'ünïcødé 🚀' },
      alpha: { nested: { deep: true } },
      n: 2 ** 53 - 1,
    };
    const opened = await db
      .em()
      .transactional((em) => openCase(em, { definition, title: 'Odd data', data }, requester));

    expect(await verifyCaseChain(db.em(), opened.case.id)).toMatchObject({ valid: true });
  });

  it('shows an edit made behind its back', async () => {
    const id = await newCase();
    await move(id, 'submit', 'submitted');
    // The database refuses the edit; a superuser disabling the trigger gets it through.
    await db.em().transactional(async (em) => {
      await em.execute(`alter table "${db.schema}".case_events disable trigger case_events_append_only`);
      await em.execute(`update "${db.schema}".case_events set reason = 'edited' where case_id = ? and sequence = 2`, [
        id,
      ]);
      await em.execute(`alter table "${db.schema}".case_events enable always trigger case_events_append_only`);
    });

    expect(await verifyCaseChain(db.em(), id)).toMatchObject({ valid: false, firstBrokenLink: { sequence: 2 } });
  });

  it('keeps separate chains per case', async () => {
    const [a, b] = [await newCase(), await newCase()];
    await move(a, 'submit', 'submitted');

    const [firstOfB] = await caseHistory(db.em(), b);

    expect(firstOfB).toMatchObject({ sequence: 1, prevHash: null });
  });
});
