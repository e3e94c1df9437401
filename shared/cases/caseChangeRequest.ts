import type { EntityManager } from '@mikro-orm/postgresql';
import { authenticatedPrincipal, type Principal } from '../auth/principal';
import { withCaseLock } from '../coordination/caseLock';
import type { EndpointResult, EndpointSchemas, RequestContext } from '../http/endpoint';
import type { Logger } from '../telemetry/logger';
import { refuseUnstorable } from './caseData';
import { requireIfMatch, type IfMatchTags } from './ifMatch';

/** What every change of a case brings besides its own body: who, which version they saw, and the request. */
export interface CaseChangeRequest {
  caseId: string;
  caller: Principal;
  ifMatch: IfMatchTags;
  requestId: string;
  log: Logger;
}

/**
 * Runs a change of case `caseId` the way every one runs: the caller must send If-Match (428 without it)
 * and a storable body (400), then `work` runs in one transaction while holding the case lock. The lock
 * only queues concurrent changes of one case; the version check of each UPDATE decides between them.
 */
export function changeCaseWith<S extends EndpointSchemas, R extends EndpointResult<S>>(
  ctx: RequestContext<S>,
  caseId: string,
  work: (em: EntityManager, request: CaseChangeRequest) => Promise<R>,
): Promise<R> {
  const caller = authenticatedPrincipal(ctx.principal);
  const ifMatch = requireIfMatch(ctx.headers);
  refuseUnstorable(ctx.body, '/body');
  const request = { caseId, caller, ifMatch, requestId: ctx.requestId, log: ctx.log };

  return withCaseLock(caseId, () => ctx.transaction((em) => work(em, request)), { log: ctx.log });
}
