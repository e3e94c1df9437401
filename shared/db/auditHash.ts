import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditEventType, BrokenLink } from './auditEventSchemas';
import type { AuditCaseState } from './auditCaseState';
import type { ActorType } from './entities/caseEvent';

/**
 * Names the serialization below. It is hashed with every event, so a future change of what is hashed
 * gets a new name instead of silently breaking old chains.
 */
export const HASH_SCHEME = 'signoff.case-event.v1';

/** Every stored field of a case event the hash covers: all columns except `hash` itself. */
export interface HashedEventFields {
  id: string;
  caseId: string;
  sequence: number;
  type: AuditEventType | string;
  tenantId: string;
  actorType: ActorType;
  actorOid: string | null;
  clientAppId: string | null;
  requestId: string | null;
  transition: string | null;
  reason: string | null;
  fromState: string | null;
  toState: string;
  before: AuditCaseState | null;
  after: AuditCaseState;
  changedFields: string[];
  payload: Record<string, unknown>;
  /** The stored timestamptz as PostgreSQL renders it in UTC with microseconds (see OCCURRED_AT_SQL). */
  occurredAt: string;
  /** Hash of the previous event of the same case; null for the first. */
  prevHash: string | null;
}

/**
 * SHA-256 (lower-case hex) over the RFC 8785 canonical JSON of `fields` plus `scheme`. RFC 8785 sorts
 * object keys and fixes number and string forms, so the hash survives jsonb reordering keys and
 * re-rendering numbers; `occurredAt` is text, so no clock precision is lost or invented in JavaScript.
 * @throws TypeError when a field holds a value JSON cannot represent (a function, a bigint).
 */
export function eventHash(fields: HashedEventFields): string {
  const canonical = canonicalize({ scheme: HASH_SCHEME, ...fields });
  if (canonical === undefined) throw new TypeError('Case event fields have no JSON form');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** A stored event as the chain check reads it. */
export type ChainedEvent = HashedEventFields & { hash: string };

/** The end of the chain checked so far: nothing yet, or the last event that held. */
export interface ChainHead {
  sequence: number;
  hash: string | null;
}

/** The head of a chain before its first event. */
export const EMPTY_HEAD: ChainHead = { sequence: 0, hash: null };

function linkProblem(head: ChainHead, event: ChainedEvent): BrokenLink['reason'] | null {
  if (event.sequence !== head.sequence + 1) return 'sequence_gap';
  if (event.sequence === 1 && event.type !== 'case.opened') return 'not_opened_first';
  if (event.prevHash !== head.hash) return 'prev_hash_mismatch';
  const { hash, ...fields } = event;
  return eventHash(fields) === hash ? null : 'hash_mismatch';
}

/**
 * Checks the next event of a chain against its head: its sequence follows, the first one opens the case,
 * its `prevHash` is the head's hash and its `hash` matches its fields. Returns the new head, or where
 * and why the link breaks.
 */
export function checkLink(head: ChainHead, event: ChainedEvent): ChainHead | BrokenLink {
  const reason = linkProblem(head, event);
  if (reason === null) return { sequence: event.sequence, hash: event.hash };
  return { sequence: event.sequence, eventId: event.id, reason };
}

/** Whether checkLink found a break. */
export function isBroken(result: ChainHead | BrokenLink): result is BrokenLink {
  return 'reason' in result;
}

/** Checks a case's events, in sequence order, from the first; null when every link holds. */
export function verifyChain(events: readonly ChainedEvent[]): BrokenLink | null {
  let head = EMPTY_HEAD;
  for (const event of events) {
    const result = checkLink(head, event);
    if (isBroken(result)) return result;
    head = result;
  }
  return null;
}
