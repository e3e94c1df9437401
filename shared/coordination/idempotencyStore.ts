import type { EntityManager } from '@mikro-orm/postgresql';
import { quotedSchema } from '../db/schemaName';
import { sha256Hex } from './fingerprint';

/** What one Idempotency-Key is scoped to: the caller, the method and the route (request path). */
export interface IdempotencyScope {
  tenantId: string;
  principalId: string;
  method: string;
  route: string;
  key: string;
}

/** A response as stored for replay: status, the handler's headers, the body exactly as sent. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  /** The JSON text of the body, or null when the response had none. */
  body: string | null;
}

/** A record someone else holds: still running, or done with its response. */
export type ExistingRecord =
  { state: 'in_flight'; fingerprint: string } | { state: 'completed'; fingerprint: string; response: StoredResponse };

/** A reservation this request holds, identified by the record id and its lease token. */
export interface Reservation {
  id: string;
  token: string;
}

interface RecordRow {
  state: 'in_flight' | 'completed';
  fingerprint: string;
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: string | null;
}

/** The record id of `scope`: SHA-256 over the scope's parts, so the primary key has a fixed length. */
export function recordId(scope: IdempotencyScope): string {
  return sha256Hex(JSON.stringify([scope.tenantId, scope.principalId, scope.method, scope.route, scope.key]));
}

function table(em: EntityManager): string {
  return `${quotedSchema(em.config.get('schema') ?? 'public')}.idempotency_keys`;
}

// Takes the row when it is new, expired, or reserved by a request whose lease ran out (it crashed).
const reserveSql = (t: string) => `insert into ${t} as k
  (id, tenant_id, principal_id, method, route, key, fingerprint, state, lease_token, locked_until, expires_at)
  values (?, ?, ?, ?, ?, ?, ?, 'in_flight', ?, now() + ? * interval '1 millisecond', now() + ? * interval '1 millisecond')
  on conflict (id) do update set fingerprint = excluded.fingerprint, state = 'in_flight',
    lease_token = excluded.lease_token, locked_until = excluded.locked_until, response_status = null,
    response_headers = null, response_body = null, created_at = now(), expires_at = excluded.expires_at
  where k.expires_at <= now() or (k.state = 'in_flight' and k.locked_until <= now())
  returning lease_token`;

/** Lease and lifetime of a reservation, in milliseconds. */
export interface ReserveTimes {
  leaseMs: number;
  ttlMs: number;
}

/**
 * Reserves the record of `scope` for this request (autocommitted, so other requests see it at once).
 * @returns true when reserved; false when another live record holds the scope (read it with findRecord).
 */
export async function reserveRecord(
  em: EntityManager,
  scope: IdempotencyScope,
  fingerprint: string,
  reservation: Reservation,
  times: ReserveTimes,
): Promise<boolean> {
  const values = [reservation.id, scope.tenantId, scope.principalId, scope.method, scope.route, scope.key];
  const params = [...values, fingerprint, reservation.token, times.leaseMs, times.ttlMs];
  const rows = await em.execute<{ lease_token: string }[]>(reserveSql(table(em)), params, 'all');
  return rows.length === 1;
}

/** The live record with `id`, or undefined when there is none (never created, released or expired). */
export async function findRecord(em: EntityManager, id: string): Promise<ExistingRecord | undefined> {
  const sql = `select state, fingerprint, response_status, response_headers, response_body from ${table(em)}
    where id = ? and expires_at > now()`;
  const row = (await em.execute<RecordRow[]>(sql, [id], 'all'))[0];
  if (row === undefined) return undefined;
  if (row.state === 'in_flight' || row.response_status === null) {
    return { state: 'in_flight', fingerprint: row.fingerprint };
  }
  const response = { status: row.response_status, headers: row.response_headers ?? {}, body: row.response_body };
  return { state: 'completed', fingerprint: row.fingerprint, response };
}

/**
 * Stores `response` in the reserved record, through `em` (inside the handler's transaction it commits
 * with the change). Also replaces the response of a record this reservation already completed.
 * @returns false when the reservation was lost (its lease ran out and another request took the record).
 */
export async function completeRecord(
  em: EntityManager,
  reservation: Reservation,
  response: StoredResponse,
): Promise<boolean> {
  const sql = `update ${table(em)} set state = 'completed', locked_until = null, response_status = ?,
    response_headers = ?::jsonb, response_body = ? where id = ? and lease_token = ?`;
  const params = [response.status, JSON.stringify(response.headers), response.body, reservation.id, reservation.token];
  const result = await em.execute<{ affectedRows: number }>(sql, params, 'run');
  return result.affectedRows === 1;
}

/** Deletes a reservation that never completed, so the client may retry with the same key. */
export async function releaseRecord(em: EntityManager, reservation: Reservation): Promise<void> {
  const sql = `delete from ${table(em)} where id = ? and lease_token = ? and state = 'in_flight'`;
  await em.execute(sql, [reservation.id, reservation.token], 'run');
}

/** Deletes up to `batch` expired records; returns how many went. */
export async function deleteExpiredRecords(em: EntityManager, batch: number): Promise<number> {
  const t = table(em);
  const sql = `delete from ${t} where id in (select id from ${t} where expires_at <= now() limit ?)`;
  const result = await em.execute<{ affectedRows: number }>(sql, [batch], 'run');
  return result.affectedRows;
}
