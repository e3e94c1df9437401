import type { AuditEventResource } from './auditEventSchemas';
import type { ChainedEvent } from './auditHash';

/** A stored audit event (storedEvents) as the audit API shows it. */
export function auditEventResource(event: ChainedEvent): AuditEventResource {
  return {
    id: event.id,
    caseId: event.caseId,
    sequence: event.sequence,
    type: event.type,
    tenantId: event.tenantId,
    actor: { type: event.actorType, objectId: event.actorOid, clientAppId: event.clientAppId },
    requestId: event.requestId,
    transition: event.transition,
    reason: event.reason,
    fromState: event.fromState,
    toState: event.toState,
    before: event.before,
    after: event.after,
    changedFields: event.changedFields,
    payload: event.payload,
    occurredAt: event.occurredAt,
    prevHash: event.prevHash,
    hash: event.hash,
  };
}
