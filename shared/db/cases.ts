import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import type { Actor, PrincipalActor } from './actor';
import { appendCaseEvent } from './caseEvents';
import { Case, type CaseData } from './entities/case';
import type { CaseEvent } from './entities/caseEvent';
import type { WorkflowDefinition } from './entities/workflowDefinition';

/** Audit event types written by the case store. */
export const CaseEventTypes = { Opened: 'case.opened', Transitioned: 'case.transitioned' } as const;

/** What a requester supplies to open a case. */
export interface OpenCase {
  definition: WorkflowDefinition;
  title: string;
  data: CaseData;
}

/** A transition the workflow decision allowed. */
export interface CaseChange {
  transition: string;
  to: string;
  reason?: string;
  comment?: string;
}

/** A case and the audit event that recorded its latest change. */
export interface CaseWithEvent {
  case: Case;
  event: CaseEvent;
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
    type: CaseEventTypes.Opened,
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
 * Moves `row` to `change.to` with a version-checked UPDATE, then records the audit event and the outbox
 * message. Call inside the transaction that loaded `row`.
 * @throws OptimisticLockError when the case changed since it was loaded (the caller answers 409).
 */
export async function transitionCase(
  em: EntityManager,
  row: Case,
  change: CaseChange,
  actor: Actor,
): Promise<CaseWithEvent> {
  row.state = change.to;
  await em.flush();

  const event = await appendCaseEvent(em, {
    caseId: row.id,
    type: CaseEventTypes.Transitioned,
    actor,
    transition: change.transition,
    reason: change.reason ?? null,
    payload: change.comment === undefined ? {} : { comment: change.comment },
  });
  return { case: row, event };
}
