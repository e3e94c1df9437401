import type { EntityManager } from '@mikro-orm/postgresql';
import type { CaseSnapshot, HistoryStep } from '../workflow/caseSnapshot';
import { AuditEventTypes } from './auditEventSchemas';
import { CaseEvent, type Case } from './entities';

const STEP_KINDS: Record<string, HistoryStep['kind']> = {
  [AuditEventTypes.Transitioned]: 'applied',
  [AuditEventTypes.ApprovalRecorded]: 'approval',
  [AuditEventTypes.Migrated]: 'applied',
};

/**
 * The transition name a migration stands under in a case's history: it moves the case (ending the
 * approvals towards a quorum) but no definition can name it, since '.' is not allowed in names.
 */
export const MIGRATION_STEP = 'case.migrated';

function stepTransition(event: Pick<CaseEvent, 'type' | 'transition'>): string | undefined {
  if (event.type === AuditEventTypes.Migrated) return MIGRATION_STEP;
  return typeof event.transition === 'string' ? event.transition : undefined;
}

/**
 * Every transition applied, every approval recorded and every migration (as MIGRATION_STEP) of a case,
 * oldest first, from its audit events.
 */
export async function historySteps(em: EntityManager, caseId: string): Promise<HistoryStep[]> {
  const events = await em.find(
    CaseEvent,
    { case: caseId, type: { $in: Object.keys(STEP_KINDS) } },
    { fields: ['type', 'transition', 'actorOid'], orderBy: { sequence: 'asc' } },
  );
  return events.flatMap((event) => {
    const kind = STEP_KINDS[event.type];
    const transition = stepTransition(event);
    if (kind === undefined || transition === undefined) return [];
    return [{ kind, transition, actor: event.actorOid ?? null }];
  });
}

/**
 * The case as the workflow decision reads it: state, data, requester and assignee from the row, and the
 * history (transitions applied, approvals recorded) from its audit events.
 */
export async function caseSnapshot(em: EntityManager, row: Case): Promise<CaseSnapshot> {
  return {
    state: row.state,
    data: row.data,
    requester: row.requester,
    assignee: row.assignee ?? null,
    history: await historySteps(em, row.id),
  };
}
