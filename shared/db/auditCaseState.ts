import type { Static } from '@sinclair/typebox';
import type { AuditCaseStateSchema } from './auditEventSchemas';

/** A case as an audit event records it before and after the change. */
export type AuditCaseState = Static<typeof AuditCaseStateSchema>;

/** The `cases` columns an audit state is read from, as PostgreSQL returns them. */
export interface CaseStateRow {
  title: string;
  state: string;
  assignee: string | null;
  data: Record<string, unknown>;
  definition_key: string;
  definition_version: number;
}

/** The columns of `cases` an audit state needs, for a select list. */
export const CASE_STATE_COLUMNS = 'title, state, assignee, data, definition_key, definition_version';

/** The audit state of a case row read with CASE_STATE_COLUMNS. */
export function auditCaseState(row: CaseStateRow): AuditCaseState {
  return {
    title: row.title,
    state: row.state,
    assignee: row.assignee,
    data: row.data,
    definitionKey: row.definition_key,
    definitionVersion: Number(row.definition_version),
  };
}
