import type { Principal } from '../auth/principal';
import type { ActorType } from './entities/caseEvent';

/** Who an audit event is attributed to, and through which request. */
export interface Actor {
  type: ActorType;
  /** Object id of the user or service principal; null for Signoff itself. */
  oid: string | null;
  tenantId: string | null;
  clientAppId: string | null;
  requestId: string | null;
}

/** An actor that is a known principal of a tenant, as every API caller is. */
export type PrincipalActor = Actor & { oid: string; tenantId: string };

/** The actor of a request made by `principal`. */
export function actorOf(principal: Principal, requestId: string): PrincipalActor {
  return {
    type: principal.kind,
    oid: principal.objectId,
    tenantId: principal.tenantId,
    clientAppId: principal.clientAppId,
    requestId,
  };
}

/** Signoff acting on its own (deadlines, sweeps), optionally on behalf of a request id. */
export function systemActor(requestId: string | null = null): Actor {
  return { type: 'system', oid: null, tenantId: null, clientAppId: null, requestId };
}
