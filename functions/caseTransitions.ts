import { authenticatedPrincipal } from '../shared/auth/principal';
import { Roles } from '../shared/auth/roles';
import { caseOf } from '../shared/cases/caseAccess';
import { changeCaseWith } from '../shared/cases/caseChangeRequest';
import { caseHeaders } from '../shared/cases/caseResource';
import {
  AvailableTransitionsSchema,
  TransitionRequestSchema,
  TransitionResultSchema,
} from '../shared/cases/caseSchemas';
import { compiledDefinitionOf } from '../shared/cases/compiledDefinitions';
import { decisionPrincipal } from '../shared/cases/decisionPrincipal';
import { takeTransition as take } from '../shared/cases/takeTransition';
import { caseSnapshot } from '../shared/db/caseSnapshot';
import { defineEndpoint, type EndpointSpec } from '../shared/http/endpoint';
import { registerEndpoints } from '../shared/http/register';
import { CaseParamsSchema, TransitionParamsSchema } from '../shared/workflow/caseSchemas';
import { availableTransitions } from '../shared/workflow/availableTransitions';

const transitionRoutes = { tags: ['cases'], access: { role: Roles.Reader } } as const satisfies Partial<EndpointSpec>;

/**
 * POST /api/v1/cases/{caseId}/transitions/{transition}: takes a transition, with If-Match. The decision,
 * the version-checked update, the audit event and the outbox message happen in one transaction; the case
 * lock only queues concurrent attempts, the version check decides between them.
 */
export const takeTransition = defineEndpoint({
  ...transitionRoutes,
  name: 'takeTransition',
  method: 'POST',
  route: 'v1/cases/{caseId}/transitions/{transition}',
  summary: 'Take a transition of a case (or approve toward its quorum) with If-Match',
  rateClass: 'write',
  idempotency: 'optional',
  ifMatch: 'required',
  successStatus: 200,
  schemas: { params: TransitionParamsSchema, body: TransitionRequestSchema, response: TransitionResultSchema },
  problems: ['not_found', 'conflict', 'transition_not_allowed', 'version_conflict', 'step_up_required'],
  handler: (ctx) =>
    changeCaseWith(ctx, ctx.params.caseId, (em, request) =>
      take(em, { ...request, transition: ctx.params.transition, body: ctx.body }),
    ),
});

/** GET /api/v1/cases/{caseId}/transitions: what the caller may do now, and why not for the rest. */
export const listAvailableTransitions = defineEndpoint({
  ...transitionRoutes,
  name: 'listAvailableTransitions',
  method: 'GET',
  route: 'v1/cases/{caseId}/transitions',
  summary: 'List the transitions leaving the case state, each with whether you may take it now',
  rateClass: 'read',
  idempotency: 'none',
  successStatus: 200,
  schemas: { params: CaseParamsSchema, response: AvailableTransitionsSchema },
  problems: ['not_found'],
  handler: async ({ params, principal, em }) => {
    const caller = authenticatedPrincipal(principal);
    const manager = await em();
    const row = await caseOf(manager, caller, params.caseId);

    const definition = compiledDefinitionOf(row.definition.unwrap());
    const items = availableTransitions(definition, await caseSnapshot(manager, row), decisionPrincipal(caller));
    return { body: { caseId: row.id, state: row.state, version: row.version, items }, headers: caseHeaders(row) };
  },
});

registerEndpoints(takeTransition, listAvailableTransitions);
