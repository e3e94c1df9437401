import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChainVerification } from './auditEventSchemas';
import { checkLink, EMPTY_HEAD, isBroken, type ChainHead } from './auditHash';
import { EVENT_PAGE_SIZE, storedEvents } from './storedEvents';

/** A case chain's verdict, without the case id. */
export type CaseChainVerdict = Omit<ChainVerification, 'caseId'>;

function verdict(head: ChainHead, events: number, broken: CaseChainVerdict['firstBrokenLink']): CaseChainVerdict {
  return { valid: broken === null, events, headSequence: head.sequence, headHash: head.hash, firstBrokenLink: broken };
}

/**
 * Recomputes the audit chain of a stored case from its first event: sequences run 1, 2, 3 without gaps,
 * the first event is case.opened, each `prevHash` is the hash of the event before and each `hash`
 * matches the event's stored columns. Stops at the first broken link. A case with no events at all is
 * broken ('chain_empty'): every stored case has its case.opened event. `headHash` is the last event
 * that held. Reads the events as stored (storedEvents), `pageSize` at a time.
 */
export async function verifyCaseChain(
  em: EntityManager,
  caseId: string,
  pageSize = EVENT_PAGE_SIZE,
): Promise<CaseChainVerdict> {
  let head = EMPTY_HEAD;
  let events = 0;
  for await (const event of storedEvents(em, caseId, pageSize)) {
    events += 1;
    const result = checkLink(head, event);
    if (isBroken(result)) return verdict(head, events, result);
    head = result;
  }
  if (events === 0) return verdict(head, 0, { sequence: 1, eventId: null, reason: 'chain_empty' });
  return verdict(head, events, null);
}
