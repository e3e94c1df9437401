import type { EntityManager } from '@mikro-orm/postgresql';
import canonicalize from 'canonicalize';
import { hasRole } from '../shared/auth/authorize';
import { authenticatedPrincipal, type Principal } from '../shared/auth/principal';
import { Roles } from '../shared/auth/roles';
import { caseOf, caseToShowOf, refuseClosed } from '../shared/cases/caseAccess';
import { checkCaseData, mergePatch, refuseUnstorable } from '../shared/cases/caseData';
import { caseListPage, caseListRequest } from '../shared/cases/caseListQuery';
import { CaseListQuerySchema, CaseListSchema } from '../shared/cases/caseListSchemas';
import { caseHeaders, caseView } from '../shared/cases/caseResource';
import { CasePatchSchema, CaseSchema } from '../shared/cases/caseSchemas';
import { compiledDefinitionOf } from '../shared/cases/compiledDefinitions';
import { assertIfMatch } from '../shared/cases/ifMatch';
import { changeCaseWith, type CaseChangeRequest } from '../shared/cases/caseChangeRequest';
import { actorOf } from '../shared/db/actor';
import { listCases as pageOfCases } from '../shared/db/caseList';
import { changeCase, hasPendingApprovals, openCase as storeCase } from '../shared/db/cases';
import { definitionForNewCase } from '../shared/db/newCaseDefinition';
import type { Case, CaseData } from '../shared/db/entities/case';
import { defineEndpoint, type EndpointSpec } from '../shared/http/endpoint';
import { Problem } from '../shared/http/problem';
import { registerEndpoints } from '../shared/http/register';
import { ROUTE_PREFIX } from '../shared/http/routePrefix';
import { caseETag } from '../shared/workflow/caseETag';
import { CaseParamsSchema, OpenCaseBodySchema } from '../shared/workflow/caseSchemas';

const caseRoutes = { tags: ['cases'], access: { role: Roles.Reader } } as const satisfies Partial<EndpointSpec>;

function location(row: Case): string {
  return `/${ROUTE_PREFIX}/v1/cases/${row.id}`;
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
  idempotency: 'required',
  successStatus: 201,
  schemas: { body: OpenCaseBodySchema, response: CaseSchema },
  problems: ['unprocessable', 'definition_retired'],
  handler: async ({ body, principal, requestId, log, transaction }) => {
    const requester = authenticatedPrincipal(principal);
    const data = body.data ?? {};
    refuseUnstorable(body, '/body');

    return transaction(async (em) => {
      const definition = await definitionForNewCase(em, body.workflowKey, '/body/workflowKey');
      checkCaseData(compiledDefinitionOf(definition), data, '/body/data');
      const opened = await storeCase(em, { definition, title: body.title, data }, actorOf(requester, requestId));
      log.info('case opened', { caseId: opened.case.id, definitionKey: definition.key, version: definition.version });
      const headers = { ...caseHeaders(opened.case), location: location(opened.case) };
      return { status: 201, body: await caseView(em, opened.case), headers };
    });
  },
});

/** GET /api/v1/cases/{caseId}: one case with its approvals, and its version as a strong ETag. */
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
    const manager = await em();
    const row = await caseToShowOf(manager, authenticatedPrincipal(principal), params.caseId);
    return { body: await caseView(manager, row), headers: caseHeaders(row) };
  },
});

/** What one PATCH of a case brings. */
interface CasePatch extends CaseChangeRequest {
  title?: string;
  data?: Record<string, unknown>;
}

function refuseNonEditor(row: Case, caller: Principal): void {
  if (row.requester === caller.objectId || hasRole(caller, Roles.Admin)) return;
  throw new Problem('forbidden', { detail: "Only the case's requester or an admin may change its data." });
}

async function refusePendingApprovals(em: EntityManager, row: Case): Promise<void> {
  if (!(await hasPendingApprovals(em, row))) return;
  throw new Problem('conflict', {
    detail: 'Approvals toward a quorum were given for the data as it is; it cannot change until the case moves.',
  });
}

function unchanged(row: Case, title: string, data: CaseData): boolean {
  return row.title === title && canonicalize(row.data) === canonicalize(data);
}

async function patchCase(em: EntityManager, patch: CasePatch) {
  const row = await caseOf(em, patch.caller, patch.caseId);
  refuseNonEditor(row, patch.caller);
  assertIfMatch(patch.ifMatch, caseETag(row.version));
  refuseClosed(row, 'changing its data');
  await refusePendingApprovals(em, row);

  const title = patch.title ?? row.title;
  const data = (patch.data === undefined ? row.data : mergePatch(row.data, patch.data)) as CaseData;
  checkCaseData(compiledDefinitionOf(row.definition.unwrap()), data, '/body/data');
  if (!unchanged(row, title, data)) {
    await changeCase(em, row, { title, data }, actorOf(patch.caller, patch.requestId));
    patch.log.info('case data changed', { caseId: row.id, version: row.version });
  }
  return { body: await caseView(em, row), headers: caseHeaders(row) };
}

/**
 * PATCH /api/v1/cases/{caseId}: changes the title and data as a JSON Merge Patch, with If-Match; the
 * merged data must satisfy the workflow's dataSchema. A patch that changes nothing changes no version.
 */
export const updateCase = defineEndpoint({
  ...caseRoutes,
  name: 'updateCase',
  method: 'PATCH',
  route: 'v1/cases/{caseId}',
  summary: "Change a case's title and data (JSON Merge Patch) with If-Match",
  access: { role: Roles.Requester },
  rateClass: 'write',
  idempotency: 'optional',
  ifMatch: 'required',
  successStatus: 200,
  schemas: { params: CaseParamsSchema, body: CasePatchSchema, response: CaseSchema },
  problems: ['not_found', 'conflict', 'version_conflict', 'unprocessable'],
  handler: (ctx) => changeCaseWith(ctx, ctx.params.caseId, (em, request) => patchCase(em, { ...request, ...ctx.body })),
});

/**
 * GET /api/v1/cases: the caller's tenant's cases, filtered, searched and sorted, one keyset page at a
 * time with signed cursors. Expensive: a tenant runs at most TENANT_CONCURRENCY of these at once.
 */
export const listCases = defineEndpoint({
  ...caseRoutes,
  name: 'listCases',
  method: 'GET',
  route: 'v1/cases',
  summary: 'List and search cases, one page at a time',
  rateClass: 'read',
  idempotency: 'none',
  expensive: true,
  successStatus: 200,
  schemas: { query: CaseListQuerySchema, response: CaseListSchema },
  problems: ['invalid_cursor'],
  handler: async ({ query, principal, em }) => {
    const caller = authenticatedPrincipal(principal);
    const request = caseListRequest(query, caller.tenantId);

    const page = await pageOfCases(await em(), request.page);
    return { body: caseListPage(page, request.scope) };
  },
});

registerEndpoints(openCase, getCase, updateCase, listCases);
