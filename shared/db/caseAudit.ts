import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditEventResource } from './auditEventSchemas';
import { auditEventResource } from './auditEventResource';
import { Case } from './entities';
import { storedEvents } from './storedEvents';

/** Whether `tenantId` has a case `caseId`; cases of other tenants count as absent. */
export async function tenantHasCase(em: EntityManager, tenantId: string, caseId: string): Promise<boolean> {
  return (await em.count(Case, { id: caseId, tenantId })) > 0;
}

/** A case's whole audit trail as stored, oldest first, in the audit API's shape. */
export async function auditTrail(em: EntityManager, caseId: string): Promise<AuditEventResource[]> {
  const items: AuditEventResource[] = [];
  for await (const event of storedEvents(em, caseId)) items.push(auditEventResource(event));
  return items;
}
