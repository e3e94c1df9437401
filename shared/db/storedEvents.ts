import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditCaseState } from './auditCaseState';
import type { ChainedEvent } from './auditHash';
import { utcText } from './auditTime';
import type { ActorType } from './entities/caseEvent';
import { tableIn } from './tableName';

/** How many events one query reads. */
export const EVENT_PAGE_SIZE = 500;

interface StoredEventRow {
  id: string;
  case_id: string;
  sequence: number;
  type: string;
  tenant_id: string;
  actor_type: ActorType;
  actor_oid: string | null;
  client_app_id: string | null;
  request_id: string | null;
  transition: string | null;
  reason: string | null;
  from_state: string | null;
  to_state: string;
  before: AuditCaseState | null;
  after: AuditCaseState;
  changed_fields: string[];
  payload: Record<string, unknown>;
  occurred_at: string;
  prev_hash: string | null;
  hash: string;
}

const pageSql = (events: string) =>
  `select id, case_id, sequence, type, tenant_id, actor_type, actor_oid, client_app_id, request_id, transition,
          reason, from_state, to_state, before, after, changed_fields, payload, ${utcText('occurred_at')} as occurred_at,
          prev_hash, hash
     from ${events} where case_id = ? and sequence > ? order by sequence limit ?`;

function chained(row: StoredEventRow): ChainedEvent {
  return {
    id: row.id,
    caseId: row.case_id,
    sequence: Number(row.sequence),
    type: row.type,
    tenantId: row.tenant_id,
    actorType: row.actor_type,
    actorOid: row.actor_oid,
    clientAppId: row.client_app_id,
    requestId: row.request_id,
    transition: row.transition,
    reason: row.reason,
    fromState: row.from_state,
    toState: row.to_state,
    before: row.before,
    after: row.after,
    changedFields: row.changed_fields,
    payload: row.payload,
    occurredAt: row.occurred_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The events of a case after `afterSequence`, oldest first, at most `limit`, exactly as stored: every
 * column the hash covers, JSON as PostgreSQL returns it and the time rendered by PostgreSQL (utcText).
 * This is what verification hashes, so it reads around the ORM (no identity map, no Date conversion).
 */
export async function storedEventPage(
  em: EntityManager,
  caseId: string,
  afterSequence: number,
  limit = EVENT_PAGE_SIZE,
): Promise<ChainedEvent[]> {
  const rows = await em.execute<StoredEventRow[]>(pageSql(tableIn(em, 'case_events')), [caseId, afterSequence, limit]);
  return rows.map(chained);
}

/** Every event of a case, oldest first, read `pageSize` at a time (see storedEventPage). */
export async function* storedEvents(
  em: EntityManager,
  caseId: string,
  pageSize = EVENT_PAGE_SIZE,
): AsyncGenerator<ChainedEvent> {
  let after = 0;
  for (;;) {
    const page = await storedEventPage(em, caseId, after, pageSize);
    yield* page;
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return;
    after = last.sequence;
  }
}
