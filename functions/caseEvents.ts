import { authenticatedPrincipal } from '../shared/auth/principal';
import { Roles } from '../shared/auth/roles';
import { caseOf } from '../shared/cases/caseAccess';
import { caseHistory } from '../shared/db/caseEvents';
import { caseEventResource } from '../shared/db/resources';
import { defineEndpoint } from '../shared/http/endpoint';
import { registerEndpoints } from '../shared/http/register';
import { CaseHistorySchema, CaseParamsSchema } from '../shared/workflow/caseSchemas';

/** GET /api/v1/cases/{caseId}/events: the case's audit trail, oldest first. */
export const listCaseEvents = defineEndpoint({
  name: 'listCaseEvents',
  method: 'GET',
  route: 'v1/cases/{caseId}/events',
  summary: "Get a case's history: its hash-chained audit events",
  tags: ['cases'],
  access: { role: Roles.Reader },
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

registerEndpoints(listCaseEvents);
