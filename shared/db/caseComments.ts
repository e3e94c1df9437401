import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import type { PrincipalActor } from './actor';
import { AuditEventTypes } from './auditEventSchemas';
import { appendCaseEvent } from './caseEvents';
import { CaseComment } from './entities/caseComment';

/** Where a page of comments starts: just after the comment with this id (ids are v7 UUIDs, time-ordered). */
export interface CommentPosition {
  id: string;
}

/**
 * Adds a comment by the actor to case `caseId` and records `case.commented` (with the comment's id and
 * text, so the audit trail holds it too) and its outbox message. The case itself does not change, so
 * its version and ETag stay as they are. Call inside a transaction.
 */
export async function addComment(
  em: EntityManager,
  caseId: string,
  body: string,
  actor: PrincipalActor,
): Promise<CaseComment> {
  const id = uuidv7();
  const event = await appendCaseEvent(em, {
    caseId,
    type: AuditEventTypes.Commented,
    actor,
    payload: { commentId: id, body },
  });
  const comment = em.create(CaseComment, {
    id,
    case: caseId,
    author: actor.oid,
    authorType: actor.type,
    body,
    eventId: event.id,
    createdAt: event.occurredAt,
  });
  await em.flush();
  return comment;
}

/** One page of a case's comments, oldest first, after `after`; `hasMore` when more follow. */
export async function listComments(
  em: EntityManager,
  caseId: string,
  limit: number,
  after?: CommentPosition,
): Promise<{ rows: CaseComment[]; hasMore: boolean }> {
  const where = after === undefined ? { case: caseId } : { case: caseId, id: { $gt: after.id } };
  const rows = await em.find(CaseComment, where, { orderBy: { id: 'asc' }, limit: limit + 1 });
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}
