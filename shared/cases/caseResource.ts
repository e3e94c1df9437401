import type { EntityManager } from '@mikro-orm/postgresql';
import { caseApprovals } from '../db/cases';
import { definitionDocument } from '../db/definitionDocuments';
import type { Case, CaseApproval } from '../db/entities';
import { caseETag } from '../workflow/caseETag';
import { transitionsFrom } from '../workflow/decideTransition';
import type { WorkflowDefinitionDocument } from '../workflow/definitionSchema';
import type { CaseResource } from './caseSchemas';

/** A case as the API shows it, with its definition's document and its approvals. */
export function caseResource(
  row: Case,
  document: WorkflowDefinitionDocument,
  approvals: readonly CaseApproval[],
): CaseResource {
  const definition = row.definition.unwrap();
  return {
    id: row.id,
    workflow: { key: definition.key, version: definition.version },
    state: row.state,
    title: row.title,
    data: row.data,
    requester: row.requester,
    assignee: row.assignee ?? null,
    version: row.version,
    round: row.round,
    approvals: approvals.map((approval) => ({
      transition: approval.transition,
      approver: approval.approver,
      round: approval.round,
      approvedAt: approval.approvedAt.toISOString(),
    })),
    nextTransitions: transitionsFrom(document, row.state).map((t) => t.name),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The headers of a response showing the case: its strong ETag. */
export function caseHeaders(row: Case): Record<string, string> {
  return { etag: caseETag(row.version) };
}

function documentOf(em: EntityManager, row: Case): Promise<WorkflowDefinitionDocument> | WorkflowDefinitionDocument {
  const definition = row.definition.unwrap();
  if (row.definition.isInitialized()) return definition.document;
  return definitionDocument(em, definition.key, definition.version);
}

/**
 * A case as the API shows it, its approvals read in `em`. Its definition need not be loaded: the
 * document of an unloaded definition comes from the per-process cache of published versions.
 */
export async function caseView(em: EntityManager, row: Case): Promise<CaseResource> {
  const document = await documentOf(em, row);
  return caseResource(row, document, await caseApprovals(em, row.id));
}
