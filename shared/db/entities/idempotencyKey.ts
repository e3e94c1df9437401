import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/** Where an idempotency record is: reserved by a request still running, or holding its response. */
export const IdempotencyStates = ['in_flight', 'completed'] as const;

/**
 * One Idempotency-Key use, scoped to tenant + principal + method + route (the request path). `id` is the
 * SHA-256 of that scope and the key, so the primary key stays short whatever the path. A request reserves
 * its row (in_flight, with a lease token and lease expiry) before its handler runs; the handler's
 * transaction completes it with the response, so the change and the record commit together. Rows expire
 * after 24 hours and a timer purges them (shared/coordination/idempotencyPurge.ts).
 */
export const IdempotencyKey = defineEntity({
  name: 'IdempotencyKey',
  tableName: 'idempotency_keys',
  properties: {
    id: p.string().length(64).primary(),
    tenantId: p.string().length(64),
    principalId: p.string().length(64),
    method: p.string().length(8),
    route: p.text(),
    key: p.string().length(255),
    fingerprint: p.string().length(64),
    state: p.enum(IdempotencyStates),
    leaseToken: p.uuid().nullable(),
    lockedUntil: p.datetime().nullable(),
    responseStatus: p.integer().nullable(),
    responseHeaders: p.json<Record<string, string>>().columnType('jsonb').nullable(),
    responseBody: p.text().nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
    expiresAt: p.datetime(),
  },
  indexes: [{ name: 'idempotency_keys_expires_idx', properties: ['expiresAt'] }],
});

/** A row of `idempotency_keys`. */
export type IdempotencyKey = InferEntity<typeof IdempotencyKey>;
