import type { EntityManager } from '@mikro-orm/postgresql';
import { Roles } from '../shared/auth/roles';
import { caseOf, refuseClosed } from '../shared/cases/caseAccess';
import { changeCaseWith, type CaseChangeRequest } from '../shared/cases/caseChangeRequest';
import { caseHeaders, caseView } from '../shared/cases/caseResource';
import { AssignmentBodySchema, CaseSchema } from '../shared/cases/caseSchemas';
import { assertIfMatch } from '../shared/cases/ifMatch';
import { actorOf } from '../shared/db/actor';
import { assignCase as storeAssignment } from '../shared/db/cases';
import { defineEndpoint } from '../shared/http/endpoint';
import { registerEndpoints } from '../shared/http/register';
import { caseETag } from '../shared/workflow/caseETag';
import { CaseParamsSchema } from '../shared/workflow/caseSchemas';

/** What one assignment request brings. */
interface Assignment extends CaseChangeRequest {
  assignee: string | null;
  reason?: string;
}

async function assign(em: EntityManager, assignment: Assignment) {
  const row = await caseOf(em, assignment.caller, assignment.caseId);
  assertIfMatch(assignment.ifMatch, caseETag(row.version));
  refuseClosed(row, 'assigning it');

  if ((row.assignee ?? null) !== assignment.assignee) {
    const change = { assignee: assignment.assignee, reason: assignment.reason };
    await storeAssignment(em, row, change, actorOf(assignment.caller, assignment.requestId));
    assignment.log.info('case assigned', { caseId: row.id, version: row.version });
  }
  return { body: await caseView(em, row), headers: caseHeaders(row) };
}

/**
 * POST /api/v1/cases/{caseId}/assignment: assigns, reassigns or unassigns (assignee null) an open case,
 * with If-Match. Approvers and admins may; assigning the current assignee again changes nothing.
 */
export const assignCase = defineEndpoint({
  name: 'assignCase',
  method: 'POST',
  route: 'v1/cases/{caseId}/assignment',
  summary: 'Assign, reassign or unassign a case with If-Match',
  tags: ['cases'],
  access: { role: Roles.Approver },
  rateClass: 'write',
  idempotency: 'optional',
  ifMatch: 'required',
  successStatus: 200,
  schemas: { params: CaseParamsSchema, body: AssignmentBodySchema, response: CaseSchema },
  problems: ['not_found', 'conflict', 'version_conflict'],
  handler: (ctx) => changeCaseWith(ctx, ctx.params.caseId, (em, request) => assign(em, { ...request, ...ctx.body })),
});

registerEndpoints(assignCase);
