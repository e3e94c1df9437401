import type { EntityManager } from '@mikro-orm/postgresql';
import { auditCaseState, CASE_STATE_COLUMNS, type AuditCaseState, type CaseStateRow } from './auditCaseState';
import { EVENT_CLOCK_SQL, utcText } from './auditTime';
import { tableIn } from './tableName';

/** A case row locked for the rest of the transaction, as it is now, and the database time. */
export interface LockedCase {
  tenantId: string;
  /** The row version, after every change this transaction flushed. */
  version: number;
  state: AuditCaseState;
  /** The database clock at the lock, rendered as audit hashes cover it (see utcText). */
  now: string;
}

type LockedRow = CaseStateRow & { tenant_id: string; version: number; now: string };

const lockSql = (cases: string) =>
  `select tenant_id, version, ${CASE_STATE_COLUMNS}, ${utcText(EVENT_CLOCK_SQL)} as now
     from ${cases} where id = ? for update`;

/**
 * Locks the case row (SELECT ... FOR UPDATE) until the transaction ends and reads it. Whoever appends
 * to a case's chain holds this lock first, so two transactions never extend one chain at once: the
 * second waits, then reads the head the first committed. Call inside a transaction.
 * @throws Error when the case does not exist (a caller bug: events belong to stored cases).
 */
export async function lockCaseRow(em: EntityManager, caseId: string): Promise<LockedCase> {
  const [row] = await em.execute<LockedRow[]>(lockSql(tableIn(em, 'cases')), [caseId]);
  if (row === undefined) throw new Error(`No case ${caseId} to record an event for`);
  return { tenantId: row.tenant_id, version: Number(row.version), state: auditCaseState(row), now: row.now };
}
