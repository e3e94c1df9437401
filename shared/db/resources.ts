import type { CaseEventResource } from '../workflow/caseSchemas';
import type { DefinitionSummaryResource, PublishedDefinitionResource } from '../workflow/publishedDefinitionSchemas';
import type { CaseEvent, WorkflowDefinition } from './entities';

/** A published version without its document, as lists show it. */
export function definitionSummary(row: WorkflowDefinition): DefinitionSummaryResource {
  return {
    key: row.key,
    version: row.version,
    title: row.title,
    status: row.status,
    publishedBy: row.publishedBy,
    publishedAt: row.publishedAt.toISOString(),
  };
}

/** A published version with its document. */
export function publishedDefinition(row: WorkflowDefinition): PublishedDefinitionResource {
  return { ...definitionSummary(row), document: row.document };
}

/** One audit event as the API shows it. */
export function caseEventResource(row: CaseEvent): CaseEventResource {
  return {
    id: row.id,
    sequence: row.sequence,
    type: row.type,
    actor: {
      type: row.actorType,
      objectId: row.actorOid ?? null,
      tenantId: row.tenantId ?? null,
      clientAppId: row.clientAppId ?? null,
    },
    requestId: row.requestId ?? null,
    fromState: row.fromState ?? null,
    toState: row.toState ?? null,
    transition: row.transition ?? null,
    reason: row.reason ?? null,
    payload: row.payload,
    occurredAt: row.occurredAt.toISOString(),
    prevHash: row.prevHash ?? null,
    hash: row.hash,
  };
}
