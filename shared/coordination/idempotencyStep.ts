import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal';
import type { EndpointResult, EndpointSchemas, EndpointSpec, RequestContext } from '../http/endpoint';
import { Problem } from '../http/problem';
import { errorFields, toError } from '../telemetry/errors';
import type { Logger } from '../telemetry/logger';
import { requestFingerprint } from './fingerprint';
import { IDEMPOTENT_REPLAYED_HEADER, idempotencyKeyOf } from './idempotencyKey';
import {
  completeRecord,
  findRecord,
  recordId,
  releaseRecord,
  reserveRecord,
  type ExistingRecord,
  type IdempotencyScope,
  type Reservation,
  type StoredResponse,
} from './idempotencyStore';

/** How long a key is remembered, in milliseconds (24 hours). */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** How long a reservation holds before another request may take over from a crashed one, in ms. */
export const IDEMPOTENCY_LEASE_MS = 60_000;

const RESERVE_ATTEMPTS = 3;
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Handler<S extends EndpointSchemas> = (ctx: RequestContext<S>) => Promise<EndpointResult<S>>;

/** One keyed request: what it is scoped to, what it carries, and the reservation it would hold. */
interface KeyedRequest {
  scope: IdempotencyScope;
  fingerprint: string;
  reservation: Reservation;
}

function inFlight(): Problem {
  return new Problem('idempotency_in_flight', { headers: { 'retry-after': '1' } });
}

function keyedRequest<S extends EndpointSchemas>(
  spec: EndpointSpec<S>,
  ctx: RequestContext<S>,
  principal: Principal,
  key: string,
): KeyedRequest {
  const scope = {
    tenantId: principal.tenantId,
    principalId: principal.objectId,
    method: spec.method,
    route: ctx.url.pathname,
    key,
  };
  const reservation = { id: recordId(scope), token: randomUUID() };
  return { scope, fingerprint: requestFingerprint(ctx.body), reservation };
}

async function claim(em: EntityManager, request: KeyedRequest): Promise<ExistingRecord | undefined> {
  const times = { leaseMs: IDEMPOTENCY_LEASE_MS, ttlMs: IDEMPOTENCY_TTL_MS };
  for (let attempt = 0; attempt < RESERVE_ATTEMPTS; attempt += 1) {
    if (await reserveRecord(em, request.scope, request.fingerprint, request.reservation, times)) return undefined;
    const existing = await findRecord(em, request.reservation.id);
    // Undefined when the holder released it between the two statements: try to reserve it again.
    if (existing !== undefined) return existing;
  }
  throw inFlight();
}

function answerExisting<S extends EndpointSchemas>(existing: ExistingRecord, fingerprint: string): EndpointResult<S> {
  if (existing.fingerprint !== fingerprint) throw new Problem('idempotency_key_reused');
  if (existing.state === 'in_flight') throw inFlight();

  const { status, headers, body } = existing.response;
  // The stored text came from JSON.stringify; parsing it and stringifying again gives the same bytes.
  const replayed = (body === null ? undefined : JSON.parse(body)) as EndpointResult<S>['body'];
  return { status, body: replayed, headers: { ...headers, [IDEMPOTENT_REPLAYED_HEADER]: 'true' } };
}

function storedResponse<S extends EndpointSchemas>(spec: EndpointSpec<S>, result: EndpointResult<S>): StoredResponse {
  const status = result.status ?? spec.successStatus;
  const body = status === 204 || result.body === undefined ? null : JSON.stringify(result.body);
  return { status, headers: result.headers ?? {}, body };
}

function sameResponse(a: StoredResponse, b: StoredResponse): boolean {
  return a.status === b.status && a.body === b.body && JSON.stringify(a.headers) === JSON.stringify(b.headers);
}

/** The context the handler gets: every transaction also completes the record before it commits. */
function completingContext<S extends EndpointSchemas>(
  spec: EndpointSpec<S>,
  ctx: RequestContext<S>,
  reservation: Reservation,
  onCommit: (response: StoredResponse) => void,
): RequestContext<S> {
  const transaction = async <R extends EndpointResult<S>>(work: (em: EntityManager) => Promise<R>) => {
    const result = await ctx.transaction(async (tx) => {
      const done = await work(tx);
      // A lost lease means another request took the key over: roll this change back rather than apply it twice.
      if (!(await completeRecord(tx, reservation, storedResponse(spec, done)))) throw inFlight();
      return done;
    });
    onCommit(storedResponse(spec, result));
    return result;
  };
  return { ...ctx, transaction };
}

/** After the handler: store the final response when no transaction did, or when it changed after commit. */
async function settle(
  em: EntityManager,
  request: KeyedRequest,
  committed: StoredResponse | undefined,
  final: StoredResponse,
  log: Logger,
): Promise<void> {
  if (committed !== undefined && sameResponse(committed, final)) return;
  try {
    await completeRecord(em, request.reservation, final);
  } catch (error) {
    log.warn('idempotency record not updated after commit', errorFields(toError(error)));
  }
}

async function runReserved<S extends EndpointSchemas>(
  spec: EndpointSpec<S>,
  ctx: RequestContext<S>,
  handler: Handler<S>,
  em: EntityManager,
  request: KeyedRequest,
): Promise<EndpointResult<S>> {
  let committed: StoredResponse | undefined;
  const guarded = completingContext(spec, ctx, request.reservation, (response) => (committed = response));
  try {
    const result = await handler(guarded);
    await settle(em, request, committed, storedResponse(spec, result), ctx.log);
    return result;
  } catch (error) {
    if (committed === undefined) await releaseRecord(em, request.reservation).catch(() => undefined);
    throw error;
  }
}

/**
 * Pipeline step 5 for unsafe methods: Idempotency-Key handling as in draft-ietf-httpapi-idempotency-key-
 * header. Without a key the handler just runs (or 400 when the spec says 'required'). With one, scoped
 * to tenant + principal + method + request path: a completed record with the same payload fingerprint
 * is replayed (its status, headers and body, plus `Idempotent-Replayed: true`); otherwise the request
 * reserves the key, and its response is stored inside the handler's transaction so it commits together
 * with the change. A failed request releases the key.
 * @throws Problem idempotency_key_required (400), validation_failed (400, malformed key),
 * idempotency_in_flight (409), idempotency_key_reused (422), or whatever the handler throws.
 */
export async function runIdempotent<S extends EndpointSchemas>(
  spec: EndpointSpec<S>,
  ctx: RequestContext<S>,
  handler: Handler<S>,
): Promise<EndpointResult<S>> {
  const principal = ctx.principal;
  if (spec.idempotency === 'none' || !UNSAFE_METHODS.has(spec.method) || principal === undefined) {
    return handler(ctx);
  }
  const key = idempotencyKeyOf(ctx.headers);
  if (key === undefined) {
    if (spec.idempotency === 'required') throw new Problem('idempotency_key_required');
    return handler(ctx);
  }

  const request = keyedRequest(spec, ctx, principal, key);
  const em = await ctx.em();
  const existing = await claim(em, request);
  if (existing !== undefined) return answerExisting<S>(existing, request.fingerprint);
  return runReserved(spec, ctx, handler, em, request);
}
