import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '../../../shared/db/actor';
import { AuditEventTypes } from '../../../shared/db/auditEventSchemas';
import { appendCaseEvent } from '../../../shared/db/caseEvents';
import { publishDefinition } from '../../../shared/db/definitions';
import { Case, type WorkflowDefinition } from '../../../shared/db/entities';
import { purchaseRequestDefinition } from '../../unit/workflow/definitions';
import type { TestSchema } from '../db/testSchema';

/** The tenant the audit tests' cases belong to. */
export const TENANT = 'tenant-audit';

/** A user of `tenantId` acting through `requestId`. */
export function user(oid: string, requestId = `req-${oid}`, tenantId = TENANT): Actor {
  return { type: 'user', oid, tenantId, clientAppId: 'client-app', requestId };
}

/** Publishes the example purchase-request definition as the next version of `key`. */
export function publishExample(em: EntityManager, key = 'purchase-request'): Promise<WorkflowDefinition> {
  return em.transactional((tx) => publishDefinition(tx, { ...purchaseRequestDefinition(), key }, 'admin-oid'));
}

/** What a case made by openCaseRow holds, when not the defaults. */
export interface CaseRowOptions {
  data?: Record<string, unknown>;
  tenant?: string;
}

/** Stores a case in `definition`'s initial state with its case.opened event, as the case store does. */
export async function openCaseRow(
  em: EntityManager,
  definition: WorkflowDefinition,
  { data = { amount: 100 }, tenant = TENANT }: CaseRowOptions = {},
): Promise<Case> {
  const row = em.create(Case, {
    id: uuidv7(),
    tenantId: tenant,
    definition: ref(definition),
    state: definition.document.initialState,
    title: 'Laptop',
    data,
    requester: 'rita',
    assignee: null,
  });
  await appendCaseEvent(em, { caseId: row.id, type: AuditEventTypes.Opened, actor: user('rita', 'req-open', tenant) });
  return row;
}

/** Runs `sql` over a connection of the test schema's ORM, outside any unit of work. */
export function rawSql(db: TestSchema, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  return db.orm.em.getConnection().execute(sql, params);
}

/**
 * Runs `sql` against the audit rows the way only a superuser (or the table owner) can: with the
 * append-only trigger disabled for the length of one transaction, then enabled again.
 */
export async function tamper(em: EntityManager, schema: string, sql: string, params: unknown[] = []): Promise<void> {
  await em.transactional(async (tx) => {
    await tx.execute(`alter table "${schema}".case_events disable trigger case_events_append_only`);
    await tx.execute(`alter table "${schema}".case_events disable trigger case_events_linked`);
    await tx.execute(sql, params);
    await tx.execute(`alter table "${schema}".case_events enable trigger case_events_linked`);
    await tx.execute(`alter table "${schema}".case_events enable always trigger case_events_append_only`);
  });
}
