import type { EntityManager } from '@mikro-orm/postgresql';
import type { Static } from '@sinclair/typebox';
import { hasRole } from '../shared/auth/authorize';
import { getConfig } from '../shared/config/load';
import type { Principal } from '../shared/auth/principal';
import { authenticatedPrincipal } from '../shared/auth/principal';
import { Roles } from '../shared/auth/roles';
import { stepUpContextFor } from '../shared/auth/settings';
import { hasSteppedUp, requireStepUp } from '../shared/auth/stepUp';
import { withCaseLock } from '../shared/coordination/caseLock';
import { actorOf } from '../shared/db/actor';
import { caseHistory } from '../shared/db/caseEvents';
import { findCase, openCase as storeCase, transitionCase } from '../shared/db/cases';
import { definitionForNewCase } from '../shared/db/newCaseDefinition';
import type { Case } from '../shared/db/entities';
import { caseEventResource, caseResource } from '../shared/db/resources';
import { unstorableText } from '../shared/db/storableText';
import { defineEndpoint, type EndpointSpec } from '../shared/http/endpoint';
import { Problem } from '../shared/http/problem';
import { registerEndpoints } from '../shared/http/register';
import { ROUTE_PREFIX } from '../shared/http/routePrefix';
import type { Logger } from '../shared/telemetry/logger';
import { caseETag, ifMatchAllows } from '../shared/workflow/caseETag';
import {
  CaseHistorySchema,
  CaseParamsSchema,
  CaseSchema,
  OpenCaseBodySchema,
  TransitionBodySchema,
  TransitionParamsSchema,
  TransitionResultSchema,
} from '../shared/workflow/caseSchemas';
import type { CaseSnapshot, DecisionPrincipal } from '../shared/workflow/caseSnapshot';
import { decideTransition, type Apply, type TransitionDecision } from '../shared/workflow/decideTransition';
import { definitionCompiler } from '../shared/workflow/definitionCompiler';

const compile = definitionCompiler();

const caseRoutes = { tags: ['cases'], access: { role: Roles.Reader } } as const satisfies Partial<EndpointSpec>;

function caseHeaders(row: Case): Record<string, string> {
  return { etag: caseETag(row.version) };
}

async function caseOf(em: EntityManager, principal: Principal, caseId: string): Promise<Case> {
  const row = await findCase(em, principal.tenantId, caseId);
  if (row === null) throw new Problem('not_found', { detail: 'No case with this id is visible to you.' });
  return row;
}

function refuseUnstorable(value: unknown, pointer: string): void {
  const errors = unstorableText(value, pointer);
  if (errors.length > 0) throw new Problem('validation_failed', { errors });
}

function decisionPrincipal(caller: Principal): DecisionPrincipal {
  const steppedUp = hasSteppedUp(caller, stepUpContextFor(getConfig(), caller.tenantId));
  return { oid: caller.objectId, kind: caller.kind, holdsRole: (role) => hasRole(caller, role), steppedUp };
}

async function snapshotOf(em: EntityManager, row: Case): Promise<CaseSnapshot> {
  const events = await caseHistory(em, row.id);
  const history = events.flatMap((e) =>
    e.type === 'case.transitioned' && e.transition
      ? [{ kind: 'applied' as const, transition: e.transition, actor: e.actorOid ?? null }]
      : [],
  );
  return { state: row.state, data: row.data, requester: row.requester, assignee: row.assignee ?? null, history };
}

function appliedMove(decision: TransitionDecision, caller: Principal): Apply {
  switch (decision.outcome) {
    case 'apply':
      return decision;
    case 'refuse':
      throw new Problem(decision.problem, { detail: decision.detail, errors: decision.errors });
    case 'step-up-required':
      requireStepUp(caller);
      throw new Problem('forbidden', { detail: 'This transition needs MFA step-up.' });
    case 'record-approval':
      throw new Problem('conflict', { detail: 'Recording approvals towards a quorum is not available yet.' });
  }
}

/** Everything one transition request brings. */
interface TransitionAttempt {
  caseId: string;
  transition: string;
  body: Static<typeof TransitionBodySchema>;
  caller: Principal;
  ifMatch: string | null;
  requestId: string;
  log: Logger;
}

async function applyTransition(em: EntityManager, attempt: TransitionAttempt) {
  const row = await caseOf(em, attempt.caller, attempt.caseId);
  if (!ifMatchAllows(attempt.ifMatch, row.version)) throw new Problem('precondition_failed');
  const document = row.definition.unwrap();
  const decision = decideTransition({
    definition: compile(`${document.key}@${document.version}`, document.document),
    case: await snapshotOf(em, row),
    transition: attempt.transition,
    principal: decisionPrincipal(attempt.caller),
    input: attempt.body,
  });
  const transition = appliedMove(decision, attempt.caller);

  const from = row.state;
  const { reason, comment } = attempt.body;
  const change = { transition: transition.transition.name, to: transition.to, reason, comment };
  const moved = await transitionCase(em, row, change, actorOf(attempt.caller, attempt.requestId));
  attempt.log.info('case transitioned', { caseId: row.id, transition: change.transition, from, to: row.state });
  const body = { case: caseResource(moved.case), event: caseEventResource(moved.event) };
  return { body, headers: caseHeaders(moved.case) };
}

/** POST /api/v1/cases: opens a case on the latest active version of a workflow. */
export const openCase = defineEndpoint({
  ...caseRoutes,
  name: 'openCase',
  method: 'POST',
  route: 'v1/cases',
  summary: 'Open a case on the latest active version of a workflow',
  access: { role: Roles.Requester },
  rateClass: 'write',
  idempotency: 'optional',
  successStatus: 201,
  schemas: { body: OpenCaseBodySchema, response: CaseSchema },
  problems: ['unprocessable'],
  handler: async ({ body, principal, requestId, log, transaction }) => {
    const requester = authenticatedPrincipal(principal);
    refuseUnstorable(body, '/body');

    return transaction(async (em) => {
      const definition = await definitionForNewCase(em, body.workflowKey, '/body/workflowKey');
      const input = { definition, title: body.title, data: body.data ?? {} };
      const opened = await storeCase(em, input, actorOf(requester, requestId));
      log.info('case opened', { caseId: opened.case.id, definitionKey: definition.key, version: definition.version });
      const headers = { ...caseHeaders(opened.case), location: `/${ROUTE_PREFIX}/v1/cases/${opened.case.id}` };
      return { status: 201, body: caseResource(opened.case), headers };
    });
  },
});

/** GET /api/v1/cases/{caseId}: one case, with its version as the ETag. */
export const getCase = defineEndpoint({
  ...caseRoutes,
  name: 'getCase',
  method: 'GET',
  route: 'v1/cases/{caseId}',
  summary: 'Get a case',
  rateClass: 'read',
  idempotency: 'none',
  successStatus: 200,
  schemas: { params: CaseParamsSchema, response: CaseSchema },
  problems: ['not_found'],
  handler: async ({ params, principal, em }) => {
    const row = await caseOf(await em(), authenticatedPrincipal(principal), params.caseId);
    return { body: caseResource(row), headers: caseHeaders(row) };
  },
});

/**
 * POST /api/v1/cases/{caseId}/transitions/{transition}: takes a transition. The decision, the
 * version-checked update, the audit event and the outbox message happen in one transaction; a
 * concurrent change makes it 409 version_conflict.
 */
export const takeTransition = defineEndpoint({
  ...caseRoutes,
  name: 'takeTransition',
  method: 'POST',
  route: 'v1/cases/{caseId}/transitions/{transition}',
  summary: 'Take a transition of a case',
  rateClass: 'write',
  idempotency: 'optional',
  successStatus: 200,
  schemas: { params: TransitionParamsSchema, body: TransitionBodySchema, response: TransitionResultSchema },
  problems: ['not_found', 'transition_not_allowed', 'version_conflict', 'precondition_failed'],
  handler: async ({ params, body, principal, headers, requestId, log, transaction }) => {
    const caller = authenticatedPrincipal(principal);
    refuseUnstorable(body, '/body');
    const attempt = { ...params, body, caller, ifMatch: headers.get('if-match'), requestId, log };

    // The case lock only queues concurrent transitions of one case; the version check decides.
    return withCaseLock(params.caseId, () => transaction((em) => applyTransition(em, attempt)), { log });
  },
});

/** GET /api/v1/cases/{caseId}/events: the case's audit trail, oldest first. */
export const listCaseEvents = defineEndpoint({
  ...caseRoutes,
  name: 'listCaseEvents',
  method: 'GET',
  route: 'v1/cases/{caseId}/events',
  summary: "Get a case's history: its hash-chained audit events",
  rateClass: 'read',
  idempotency: 'none',
  successStatus: 200,
  schemas: { params: CaseParamsSchema, response: CaseHistorySchema },
  problems: ['not_found'],
  handler: async ({ params, principal, em }) => {
    const manager = await em();
    const row = await caseOf(manager, authenticatedPrincipal(principal), params.caseId);
    const events = await caseHistory(manager, row.id);
    return { body: { caseId: row.id, items: events.map(caseEventResource) } };
  },
});

registerEndpoints(openCase, getCase, takeTransition, listCaseEvents);
