import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { ActorType } from './entities/caseEvent';

/** Every field of a case event the hash covers: all of them except `hash` itself. */
export interface HashedEventFields {
  id: string;
  caseId: string;
  sequence: number;
  type: string;
  actorOid: string | null;
  actorType: ActorType;
  tenantId: string | null;
  clientAppId: string | null;
  requestId: string | null;
  fromState: string | null;
  toState: string | null;
  transition: string | null;
  reason: string | null;
  payload: Record<string, unknown>;
  occurredAt: Date;
  /** Hash of the previous event of the same case; null for the first. */
  prevHash: string | null;
}

/**
 * SHA-256 (lower-case hex) over the RFC 8785 canonical JSON of `fields`, with `occurredAt` as an ISO
 * 8601 string in UTC at millisecond precision. The same fields always give the same hash, whatever the
 * key order of `payload`.
 * @throws TypeError when the payload holds a value JSON cannot represent (a function, a bigint).
 */
export function eventHash(fields: HashedEventFields): string {
  const canonical = canonicalize({ ...fields, occurredAt: fields.occurredAt.toISOString() });
  if (canonical === undefined) throw new TypeError('Case event fields have no JSON form');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** A stored event as the chain check reads it. */
export type ChainedEvent = HashedEventFields & { hash: string };

/** Where a case's chain first breaks, or that it holds. */
export type ChainVerdict = { intact: true } | { intact: false; sequence: number; problem: string };

/**
 * Checks a case's events, in sequence order: sequences run 1, 2, 3, ...; each `prevHash` is the hash
 * of the event before (null for the first); each `hash` matches the event's fields.
 */
export function verifyChain(events: readonly ChainedEvent[]): ChainVerdict {
  let previous: string | null = null;
  for (const [index, event] of events.entries()) {
    const broken = (problem: string): ChainVerdict => ({ intact: false, sequence: event.sequence, problem });
    if (event.sequence !== index + 1) return broken(`expected sequence ${index + 1}`);
    if (event.prevHash !== previous) return broken('prevHash is not the hash of the event before');
    const { hash, ...fields } = event;
    if (eventHash(fields) !== hash) return broken('hash does not match the event');
    previous = hash;
  }
  return { intact: true };
}
