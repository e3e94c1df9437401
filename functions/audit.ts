import type { EntityManager } from '@mikro-orm/postgresql';
import { authenticatedPrincipal, type Principal } from '../shared/auth/principal';
import { Roles } from '../shared/auth/roles';
import { AuditCaseParamsSchema, AuditTrailSchema, ChainVerificationSchema } from '../shared/db/auditEventSchemas';
import { auditTrail, tenantHasCase } from '../shared/db/caseAudit';
import { verifyCaseChain } from '../shared/db/verifyCaseChain';
import { defineEndpoint, type EndpointSpec } from '../shared/http/endpoint';
import { Problem } from '../shared/http/problem';
import { registerEndpoints } from '../shared/http/register';

// Signoff.Auditor stands apart from the role hierarchy: admins do not hold it by rank. Checking the
// trail is the auditors' job, kept apart from those who change definitions and migrate cases; an admin
// who must verify too is granted Signoff.Auditor as well.
const auditor = {
  method: 'GET',
  tags: ['audit'],
  access: { role: Roles.Auditor },
  rateClass: 'read',
  idempotency: 'none',
  expensive: true,
  successStatus: 200,
  problems: ['not_found'],
} as const satisfies Partial<EndpointSpec>;

async function requireCase(em: EntityManager, principal: Principal | undefined, caseId: string): Promise<void> {
  if (!(await tenantHasCase(em, authenticatedPrincipal(principal).tenantId, caseId))) {
    throw new Problem('not_found', { detail: 'No case with this id is visible to you.' });
  }
}

/** GET /api/v1/cases/{caseId}/audit: every recorded field of every event of a case, oldest first. */
export const getCaseAudit = defineEndpoint({
  ...auditor,
  name: 'getCaseAudit',
  route: 'v1/cases/{caseId}/audit',
  summary: "Get a case's audit trail: actors, states before and after, changed fields, hashes",
  schemas: { params: AuditCaseParamsSchema, response: AuditTrailSchema },
  handler: async ({ params, principal, em }) => {
    const manager = await em();
    await requireCase(manager, principal, params.caseId);
    return { body: { caseId: params.caseId, items: await auditTrail(manager, params.caseId) } };
  },
});

/**
 * GET /api/v1/cases/{caseId}/audit/verify: recomputes the case's hash chain from the stored events and
 * says whether it holds, and where it first breaks.
 */
export const verifyCaseAudit = defineEndpoint({
  ...auditor,
  name: 'verifyCaseAudit',
  route: 'v1/cases/{caseId}/audit/verify',
  summary: "Verify a case's audit chain: recompute every hash and link",
  schemas: { params: AuditCaseParamsSchema, response: ChainVerificationSchema },
  handler: async ({ params, principal, em, log }) => {
    const manager = await em();
    await requireCase(manager, principal, params.caseId);

    const verdict = await verifyCaseChain(manager, params.caseId);
    const broken = verdict.firstBrokenLink;
    if (broken === null) log.info('audit chain verified', { caseId: params.caseId, events: verdict.events });
    else log.warn('audit chain broken', { caseId: params.caseId, sequence: broken.sequence, reason: broken.reason });
    return { body: { caseId: params.caseId, ...verdict } };
  },
});

registerEndpoints(getCaseAudit, verifyCaseAudit);
