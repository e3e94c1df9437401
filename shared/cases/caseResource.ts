import type { EntityManager } from '@mikro-orm/postgresql';
import { caseApprovals } from '../db/cases';
import type { Case, CaseApproval } from '../db/entities';
import { caseETag } from '../workflow/caseETag';
import { transitionsFrom } from '../workflow/decideTransition';
import type { CaseResource } from './caseSchemas';

/** A case as the API shows it, with its approvals; its definition must be loaded (findCase does). */
export function caseResource(row: Case, approvals: readonly CaseApproval[]): CaseResource {
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
    nextTransitions: transitionsFrom(definition.document, row.state).map((t) => t.name),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The headers of a response showing the case: its strong ETag. */
export function caseHeaders(row: Case): Record<string, string> {
  return { etag: caseETag(row.version) };
}

/** A case as the API shows it, its approvals read in `em`. */
export async function caseView(em: EntityManager, row: Case): Promise<CaseResource> {
  return caseResource(row, await caseApprovals(em, row.id));
}
