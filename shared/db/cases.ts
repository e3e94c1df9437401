import { ref, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import type { Actor, PrincipalActor } from './actor';
import { AuditEventTypes } from './auditEventSchemas';
import { appendCaseEvent } from './caseEvents';
import { CaseApproval } from './entities/caseApproval';
import { Case, type CaseData } from './entities/case';
import type { CaseEvent } from './entities/caseEvent';
import type { WorkflowDefinition } from './entities/workflowDefinition';

/** Thrown when an approver's approval already counts in this round (the unique index said so). */
export class DuplicateApprovalError extends Error {
  constructor() {
    super('This approver has already approved this transition in this round');
    this.name = 'DuplicateApprovalError';
  }
}

/** What a requester supplies to open a case. */
export interface OpenCase {
  definition: WorkflowDefinition;
  title: string;
  data: CaseData;
}

/** A transition the workflow decision applies. */
export interface CaseChange {
  transition: string;
  to: string;
  reason?: string;
  comment?: string;
  /** The transition's own input: the request members beyond reason and comment, when there are any. */
  input?: Record<string, unknown>;
  /** Everyone whose approval made up a quorum above 1, the actor last; absent for a single approver. */
  approvers?: string[];
}

/** An approval toward a quorum that is not met yet. */
export interface ApprovalChange {
  transition: string;
  reason?: string;
  comment?: string;
  input?: Record<string, unknown>;
  /** Distinct approvals once this one is recorded, and how many the quorum needs. */
  approvals: number;
  needed: number;
}

/** A case and the audit event that recorded its latest change. */
export interface CaseWithEvent {
  case: Case;
  event: CaseEvent;
}

function detailsPayload(change: { comment?: string; input?: Record<string, unknown> }): Record<string, unknown> {
  return {
    ...(change.comment === undefined ? {} : { comment: change.comment }),
    ...(change.input === undefined ? {} : { input: change.input }),
  };
}

/**
 * Opens a case on `input.definition` in its initial state, requested by the actor, with its
 * `case.opened` event and an outbox message. Call inside a transaction; everything is flushed here.
 */
export async function openCase(em: EntityManager, input: OpenCase, actor: PrincipalActor): Promise<CaseWithEvent> {
  const row = em.create(Case, {
    id: uuidv7(),
    tenantId: actor.tenantId,
    definition: ref(input.definition),
    state: input.definition.document.initialState,
    title: input.title,
    data: input.data,
    requester: actor.oid,
    assignee: null,
  });
  await em.flush();

  const event = await appendCaseEvent(em, {
    caseId: row.id,
    type: AuditEventTypes.Opened,
    actor,
    payload: {
      title: input.title,
      data: input.data,
      definitionKey: input.definition.key,
      definitionVersion: input.definition.version,
    },
  });
  return { case: row, event };
}

/**
 * A case of `tenantId` with its definition loaded; null when there is none (cases of other tenants
 * included, so callers cannot probe for them).
 */
export function findCase(em: EntityManager, tenantId: string, id: string): Promise<Case | null> {
  return em.findOne(Case, { id, tenantId }, { populate: ['definition'] });
}

/**
 * A case of `tenantId` for showing, its definition left unloaded (a reference holding its key and
 * version; caseView takes the immutable document from a cache); null when there is none, in this
 * tenant or any other.
 */
export function findCaseToShow(em: EntityManager, tenantId: string, id: string): Promise<Case | null> {
  return em.findOne(Case, { id, tenantId });
}

interface NewApproval {
  transition: string;
  round: number;
  approver: string;
  eventId: string;
}

function addApproval(em: EntityManager, caseId: string, approval: NewApproval): void {
  em.create(CaseApproval, { id: uuidv7(), case: caseId, ...approval, approvedAt: new Date() });
}

async function flushApproval(em: EntityManager): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw new DuplicateApprovalError();
    throw error;
  }
}

/**
 * Moves `row` to `change.to` with a version-checked UPDATE (WHERE version = the version loaded), starts
 * the next approval round, records the final approval of a quorum above 1, then the audit event and
 * its outbox message. Call inside the transaction that loaded `row`.
 * @throws OptimisticLockError when the case changed since it was loaded (the caller answers 409);
 *   DuplicateApprovalError when the actor's approval already counted in this round.
 */
export async function transitionCase(
  em: EntityManager,
  row: Case,
  change: CaseChange,
  actor: Actor,
): Promise<CaseWithEvent> {
  const round = row.round;
  row.state = change.to;
  row.round = round + 1;
  await em.flush();

  const approvers = change.approvers ?? [];
  const payload = {
    ...detailsPayload(change),
    ...(approvers.length > 1 ? { approvers } : {}),
  };
  const event = await appendCaseEvent(em, {
    caseId: row.id,
    type: AuditEventTypes.Transitioned,
    actor,
    transition: change.transition,
    reason: change.reason ?? null,
    payload,
  });
  if (approvers.length > 1 && actor.oid !== null) {
    addApproval(em, row.id, { transition: change.transition, round, approver: actor.oid, eventId: event.id });
    await flushApproval(em);
  }
  return { case: row, event };
}

/**
 * Records the actor's approval of `change.transition` in the case's current round, without moving the
 * case: a version-checked UPDATE (the case's approvals are part of it), the approval row, the audit
 * event and its outbox message. Call inside the transaction that loaded `row`.
 * @throws OptimisticLockError when the case changed since it was loaded; DuplicateApprovalError when
 *   this approver already approved in this round.
 */
export async function recordApproval(
  em: EntityManager,
  row: Case,
  change: ApprovalChange,
  actor: PrincipalActor,
): Promise<CaseWithEvent> {
  row.updatedAt = new Date();
  await em.flush();

  const event = await appendCaseEvent(em, {
    caseId: row.id,
    type: AuditEventTypes.ApprovalRecorded,
    actor,
    transition: change.transition,
    reason: change.reason ?? null,
    payload: { ...detailsPayload(change), approvals: change.approvals, needed: change.needed },
  });
  addApproval(em, row.id, { transition: change.transition, round: row.round, approver: actor.oid, eventId: event.id });
  await flushApproval(em);
  return { case: row, event };
}

/** The approvals ever recorded on a case, oldest first. */
export function caseApprovals(em: EntityManager, caseId: string): Promise<CaseApproval[]> {
  return em.find(CaseApproval, { case: caseId }, { orderBy: { approvedAt: 'asc', id: 'asc' } });
}

/** Whether any approval counts toward a quorum in the case's current round. */
export async function hasPendingApprovals(em: EntityManager, row: Case): Promise<boolean> {
  return (await em.count(CaseApproval, { case: row.id, round: row.round })) > 0;
}

/**
 * Sets the title and data of `row` with a version-checked UPDATE and records `case.data_changed` (the
 * event's before and after show what changed). Call inside the transaction that loaded `row`.
 * @throws OptimisticLockError when the case changed since it was loaded.
 */
export async function changeCase(
  em: EntityManager,
  row: Case,
  change: { title: string; data: CaseData },
  actor: Actor,
): Promise<CaseWithEvent> {
  row.title = change.title;
  row.data = change.data;
  row.updatedAt = new Date();
  await em.flush();

  const event = await appendCaseEvent(em, { caseId: row.id, type: AuditEventTypes.DataChanged, actor });
  return { case: row, event };
}

/**
 * Assigns `row` to `assignee` (null unassigns) with a version-checked UPDATE and records
 * `case.assigned` with the reason given. Call inside the transaction that loaded `row`.
 * @throws OptimisticLockError when the case changed since it was loaded.
 */
export async function assignCase(
  em: EntityManager,
  row: Case,
  change: { assignee: string | null; reason?: string },
  actor: Actor,
): Promise<CaseWithEvent> {
  const previous = row.assignee ?? null;
  row.assignee = change.assignee;
  row.updatedAt = new Date();
  await em.flush();

  const event = await appendCaseEvent(em, {
    caseId: row.id,
    type: AuditEventTypes.Assigned,
    actor,
    reason: change.reason ?? null,
    payload: { from: previous, to: change.assignee },
  });
  return { case: row, event };
}
