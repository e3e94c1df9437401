import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from './actor';
import { eventHash, type ChainedEvent, type HashedEventFields } from './auditHash';
import { CaseEvent } from './entities';

/** What happened, as the caller states it; ids, sequence, time and hashes are filled in here. */
export interface NewCaseEvent {
  caseId: string;
  type: string;
  actor: Actor;
  fromState?: string | null;
  toState?: string | null;
  transition?: string | null;
  reason?: string | null;
  payload?: Record<string, unknown>;
}

async function chainHead(em: EntityManager, caseId: string): Promise<{ sequence: number; hash: string | null }> {
  const [head] = await em.find(CaseEvent, { case: caseId }, { orderBy: { sequence: 'desc' }, limit: 1 });
  return head === undefined ? { sequence: 0, hash: null } : { sequence: head.sequence, hash: head.hash };
}

function hashedFields(event: NewCaseEvent, sequence: number, prevHash: string | null): HashedEventFields {
  return {
    id: uuidv7(),
    caseId: event.caseId,
    sequence,
    type: event.type,
    actorOid: event.actor.oid,
    actorType: event.actor.type,
    tenantId: event.actor.tenantId,
    clientAppId: event.actor.clientAppId,
    requestId: event.actor.requestId,
    fromState: event.fromState ?? null,
    toState: event.toState ?? null,
    transition: event.transition ?? null,
    reason: event.reason ?? null,
    payload: event.payload ?? {},
    occurredAt: new Date(),
    prevHash,
  };
}

/**
 * Appends an event to the case's audit chain: the next sequence number, `prevHash` = the hash of the
 * current last event. Call it inside the transaction that changes the case, after the case row was
 * written: the row lock that write holds keeps two writers from extending the chain at once (and the
 * unique (case_id, sequence) index refuses a fork if one ever tried).
 */
export async function appendCaseEvent(em: EntityManager, event: NewCaseEvent): Promise<CaseEvent> {
  const head = await chainHead(em, event.caseId);
  const { caseId, ...fields } = hashedFields(event, head.sequence + 1, head.hash);
  const hash = eventHash({ caseId, ...fields });
  return em.create(CaseEvent, { ...fields, case: caseId, hash });
}

/** A case's events in sequence order, oldest first. */
export function caseHistory(em: EntityManager, caseId: string): Promise<CaseEvent[]> {
  return em.find(CaseEvent, { case: caseId }, { orderBy: { sequence: 'asc' } });
}

/** The fields the hash covers, read back from a stored event (for verifyChain). */
export function storedEventFields(event: CaseEvent): ChainedEvent {
  return {
    id: event.id,
    caseId: event.case,
    sequence: event.sequence,
    type: event.type,
    actorOid: event.actorOid ?? null,
    actorType: event.actorType,
    tenantId: event.tenantId ?? null,
    clientAppId: event.clientAppId ?? null,
    requestId: event.requestId ?? null,
    fromState: event.fromState ?? null,
    toState: event.toState ?? null,
    transition: event.transition ?? null,
    reason: event.reason ?? null,
    payload: event.payload,
    occurredAt: event.occurredAt,
    prevHash: event.prevHash ?? null,
    hash: event.hash,
  };
}
