import { hasRole } from '../auth/authorize';
import type { Principal } from '../auth/principal';
import { stepUpContextFor } from '../auth/settings';
import { hasSteppedUp } from '../auth/stepUp';
import { getConfig } from '../config/load';
import type { DecisionPrincipal } from '../workflow/caseSnapshot';

/** The principal as the workflow decision sees it: roles through the hierarchy, step-up per tenant. */
export function decisionPrincipal(principal: Principal): DecisionPrincipal {
  const steppedUp = hasSteppedUp(principal, stepUpContextFor(getConfig(), principal.tenantId));
  return {
    oid: principal.objectId,
    kind: principal.kind,
    holdsRole: (role) => hasRole(principal, role),
    steppedUp,
  };
}
