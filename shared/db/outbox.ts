import { LockMode, raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import { OutboxMessage } from './entities';

/** Kinds of outbox messages; the relay routes on them. */
export const OutboxKinds = { CaseChanged: 'case.changed' } as const;

/** One of OutboxKinds. */
export type OutboxKind = (typeof OutboxKinds)[keyof typeof OutboxKinds];

/**
 * Adds an outbox message to the current unit of work, so it commits with the change it announces.
 * Call inside the transaction that makes the change. appendCaseEvent does this for every audit event.
 */
export function enqueueOutbox(
  em: EntityManager,
  caseId: string,
  kind: OutboxKind,
  payload: Record<string, unknown>,
): OutboxMessage {
  // available_at defaults to the database's now(), the clock claimOutbox compares with.
  return em.create(OutboxMessage, {
    id: uuidv7(),
    case: caseId,
    kind,
    payload,
    createdAt: new Date(),
    attempts: 0,
    lastError: null,
    processedAt: null,
  });
}

/**
 * Claims up to `limit` pending messages, oldest available first, with FOR UPDATE SKIP LOCKED: rows
 * another relay holds are skipped, so relays running at once share the work without waiting on each
 * other. Call inside a transaction: the claim lasts until it ends, and a relay that dies mid-way
 * releases its rows by rolling back.
 */
export function claimOutbox(em: EntityManager, limit: number): Promise<OutboxMessage[]> {
  return em.find(
    OutboxMessage,
    { processedAt: null, availableAt: { $lte: raw('now()') } },
    { orderBy: { availableAt: 'asc', id: 'asc' }, limit, lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE },
  );
}

/** Marks claimed messages delivered; they leave the pending index. Call in the claiming transaction. */
export async function markProcessed(em: EntityManager, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await em.nativeUpdate(OutboxMessage, { id: { $in: [...ids] } }, { processedAt: raw('now()') });
}

/**
 * Counts a failed delivery of a claimed message and makes it available again after `retryAfterMs`;
 * `error` is a fixed description (never payload data). Call in the claiming transaction.
 */
export async function markFailed(em: EntityManager, id: string, error: string, retryAfterMs: number): Promise<void> {
  await em.nativeUpdate(
    OutboxMessage,
    { id },
    {
      attempts: raw('attempts + 1'),
      lastError: error,
      availableAt: raw(`now() + ? * interval '1 millisecond'`, [retryAfterMs]),
    },
  );
}
