import type { EntityManager } from '@mikro-orm/postgresql';
import type { Static } from '@sinclair/typebox';
import { requireStepUp } from '../auth/stepUp';
import { actorOf } from '../db/actor';
import { DuplicateApprovalError, recordApproval, transitionCase, type CaseWithEvent } from '../db/cases';
import { caseSnapshot } from '../db/caseSnapshot';
import type { Case } from '../db/entities';
import { caseEventResource } from '../db/resources';
import { Problem } from '../http/problem';
import { caseETag } from '../workflow/caseETag';
import { decideTransition, type Apply, type RecordApproval } from '../workflow/decideTransition';
import { caseOf } from './caseAccess';
import { caseHeaders, caseView } from './caseResource';
import type { TransitionRequestSchema, TransitionResultSchema } from './caseSchemas';
import { compiledDefinitionOf } from './compiledDefinitions';
import { decisionPrincipal } from './decisionPrincipal';
import type { CaseChangeRequest } from './caseChangeRequest';
import { assertIfMatch } from './ifMatch';

/** The body of a transition request. */
export type TransitionBody = Static<typeof TransitionRequestSchema>;

/** Everything one transition request brings. */
export interface TransitionRequest extends CaseChangeRequest {
  transition: string;
  body: TransitionBody;
}

/** What the endpoint answers: 200 when the case moved, 202 when an approval was recorded toward a quorum. */
export interface TransitionAnswer {
  status: 200 | 202;
  body: Static<typeof TransitionResultSchema>;
  headers: Record<string, string>;
}

/** The members of the body beyond reason and comment: the transition's own input, if any. */
function inputOf(body: TransitionBody): Record<string, unknown> | undefined {
  const input = Object.entries(body).filter(([name]) => name !== 'reason' && name !== 'comment');
  return input.length > 0 ? Object.fromEntries(input) : undefined;
}

async function answer(em: EntityManager, changed: CaseWithEvent, outcome: TransitionAnswer['body']['outcome']) {
  const body = { outcome, case: await caseView(em, changed.case), event: caseEventResource(changed.event) };
  return { body, headers: caseHeaders(changed.case) };
}

async function apply(em: EntityManager, row: Case, decision: Apply, request: TransitionRequest) {
  const { reason, comment } = request.body;
  const change = {
    transition: decision.transition.name,
    to: decision.to,
    reason,
    comment,
    input: inputOf(request.body),
    approvers: decision.approvers,
  };
  const moved = await transitionCase(em, row, change, actorOf(request.caller, request.requestId));
  request.log.info('case transitioned', {
    caseId: row.id,
    transition: change.transition,
    from: decision.from,
    to: decision.to,
  });
  return { status: 200 as const, ...(await answer(em, moved, 'applied')) };
}

async function approve(em: EntityManager, row: Case, decision: RecordApproval, request: TransitionRequest) {
  const { reason, comment } = request.body;
  const { approvals, needed } = decision;
  const change = {
    transition: decision.transition.name,
    reason,
    comment,
    input: inputOf(request.body),
    approvals,
    needed,
  };
  const recorded = await recordApproval(em, row, change, actorOf(request.caller, request.requestId));
  request.log.info('approval recorded', { caseId: row.id, transition: change.transition, approvals, needed });
  const { body, headers } = await answer(em, recorded, 'approval_recorded');
  return { status: 202 as const, body: { ...body, quorum: { approvals, needed } }, headers };
}

async function decideAndAct(em: EntityManager, row: Case, request: TransitionRequest): Promise<TransitionAnswer> {
  const decision = decideTransition({
    definition: compiledDefinitionOf(row.definition.unwrap()),
    case: await caseSnapshot(em, row),
    transition: request.transition,
    principal: decisionPrincipal(request.caller),
    input: request.body,
  });
  switch (decision.outcome) {
    case 'refuse':
      throw new Problem(decision.problem, { detail: decision.detail, errors: decision.errors });
    case 'step-up-required':
      requireStepUp(request.caller);
      throw new Problem('step_up_required');
    case 'record-approval':
      return approve(em, row, decision, request);
    case 'apply':
      return apply(em, row, decision, request);
  }
}

/**
 * Takes a transition of a case for the caller, inside the caller's transaction: If-Match must name the
 * case's current ETag, then the workflow decision applies the move (conditional targets resolved),
 * records an approval toward a quorum, asks for MFA step-up, or refuses. Every change is one
 * version-checked UPDATE plus its audit event and outbox message.
 * @throws Problem not_found, precondition_failed, step_up_required, forbidden, transition_not_allowed,
 *   validation_failed (input), conflict (an approval already counted); OptimisticLockError when another
 *   change won the race (the pipeline answers 409 version_conflict).
 */
export async function takeTransition(em: EntityManager, request: TransitionRequest): Promise<TransitionAnswer> {
  const row = await caseOf(em, request.caller, request.caseId);
  assertIfMatch(request.ifMatch, caseETag(row.version));
  try {
    return await decideAndAct(em, row, request);
  } catch (error) {
    if (error instanceof DuplicateApprovalError) throw new Problem('conflict', { detail: error.message });
    throw error;
  }
}
