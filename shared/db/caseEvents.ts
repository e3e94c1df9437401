import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import type { AuditCaseState } from './auditCaseState';
import { AuditEventTypes, type NewCaseEvent } from './auditEventSchemas';
import { eventHash, type HashedEventFields } from './auditHash';
import { lockCaseRow, type LockedCase } from './caseRowLock';
import { changedFields } from './changedFields';
import { CaseEvent } from './entities';
import { enqueueOutbox, OutboxKinds } from './outbox';
import { tableIn } from './tableName';

export type { NewCaseEvent } from './auditEventSchemas';

interface HeadRow {
  sequence: number;
  hash: string;
  after: AuditCaseState;
}

const headSql = (events: string) =>
  `select sequence, hash, after from ${events} where case_id = ? order by sequence desc limit 1`;

async function chainHead(em: EntityManager, caseId: string): Promise<HeadRow | undefined> {
  const [head] = await em.execute<HeadRow[]>(headSql(tableIn(em, 'case_events')), [caseId]);
  return head;
}

function refuseMisuse(event: NewCaseEvent, locked: LockedCase, head: HeadRow | undefined): void {
  const opening = event.type === AuditEventTypes.Opened;
  if (opening !== (head === undefined)) {
    throw new Error(`A case's chain starts with exactly one ${AuditEventTypes.Opened} event`);
  }
  if (event.actor.tenantId !== null && event.actor.tenantId !== locked.tenantId) {
    throw new Error("An actor of another tenant cannot record events on this tenant's case");
  }
}

/** JSON as PostgreSQL will store it: what JSON.stringify drops or turns into strings is gone here too. */
function asStored<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function hashedFields(event: NewCaseEvent, locked: LockedCase, head: HeadRow | undefined): HashedEventFields {
  const before = head?.after ?? null;
  return {
    id: uuidv7(),
    caseId: event.caseId,
    sequence: (head?.sequence ?? 0) + 1,
    type: event.type,
    tenantId: locked.tenantId,
    actorType: event.actor.type,
    actorOid: event.actor.oid,
    clientAppId: event.actor.clientAppId,
    requestId: event.actor.requestId,
    transition: event.transition ?? null,
    reason: event.reason ?? null,
    fromState: before?.state ?? null,
    toState: locked.state.state,
    before,
    after: locked.state,
    changedFields: changedFields(before, locked.state),
    payload: asStored(event.payload ?? {}),
    occurredAt: locked.now,
    prevHash: head?.hash ?? null,
  };
}

function announce(em: EntityManager, fields: HashedEventFields, locked: LockedCase): void {
  enqueueOutbox(em, fields.caseId, OutboxKinds.CaseChanged, {
    caseId: fields.caseId,
    eventId: fields.id,
    eventType: fields.type,
    sequence: fields.sequence,
    version: locked.version,
    state: locked.state.state,
  });
}

/**
 * Records `event` as the next link of its case's audit chain, with a "case changed" outbox message, and
 * flushes both. Call inside the transaction that changed the case, after the change (it is flushed here
 * first): the event's `after` is the case row as this transaction leaves it, its `before` the `after` of
 * the event before (null for case.opened), and `changedFields` the JSON pointers between them. The case
 * row is locked (FOR UPDATE) before the chain head is read, so concurrent appends queue instead of
 * forking the chain; the unique (case_id, sequence) index and an insert trigger refuse a fork anyway.
 * @throws Error when the case does not exist, when case.opened is not (only) the first event, or when the
 *   actor belongs to another tenant than the case.
 */
export async function appendCaseEvent(em: EntityManager, event: NewCaseEvent): Promise<CaseEvent> {
  await em.flush();
  const locked = await lockCaseRow(em, event.caseId);
  const head = await chainHead(em, event.caseId);
  refuseMisuse(event, locked, head);

  const { caseId, ...fields } = hashedFields(event, locked, head);
  const hash = eventHash({ caseId, ...fields });
  const row = em.create(CaseEvent, { ...fields, case: caseId, occurredAt: new Date(fields.occurredAt), hash });
  announce(em, { caseId, ...fields }, locked);
  await em.flush();
  return row;
}

/** A case's events in sequence order, oldest first, as entities (for the case API's history). */
export function caseHistory(em: EntityManager, caseId: string): Promise<CaseEvent[]> {
  return em.find(CaseEvent, { case: caseId }, { orderBy: { sequence: 'asc' } });
}
