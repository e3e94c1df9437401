import { getConfig } from '../config/load';
import type { Identity } from './identitySchemas';
import type { Principal } from './principal';
import { stepUpContextFor } from './settings';
import { hasSteppedUp } from './stepUp';

/** Seconds since the epoch as an ISO 8601 date-time (UTC). */
export function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}

/** What GET /v1/me answers for `principal`: identity, tenant, effective roles, step-up state, token expiry. */
export function describeIdentity(principal: Principal): Identity {
  const authContext = stepUpContextFor(getConfig(), principal.tenantId);
  return {
    kind: principal.kind,
    objectId: principal.objectId,
    tenantId: principal.tenantId,
    clientAppId: principal.clientAppId,
    ...(principal.name === undefined ? {} : { name: principal.name }),
    ...(principal.username === undefined ? {} : { username: principal.username }),
    roles: principal.roles,
    effectiveRoles: principal.effectiveRoles,
    scopes: principal.scopes,
    stepUp: { satisfied: hasSteppedUp(principal, authContext), authContext },
    tokenVersion: principal.tokenVersion ?? '2.0',
    issuedAt: isoSeconds(principal.issuedAt),
    expiresAt: isoSeconds(principal.expiresAt),
  };
}
