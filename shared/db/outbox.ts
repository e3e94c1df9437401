import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import { OutboxMessage } from './entities';

/** Kinds of outbox messages; the relay routes on them. */
export const OutboxKinds = { CaseChanged: 'case.changed' } as const;

/** One of OutboxKinds. */
export type OutboxKind = (typeof OutboxKinds)[keyof typeof OutboxKinds];

/**
 * Adds an outbox message to the current unit of work, so it commits with the change it announces.
 * Call inside the transaction that makes the change.
 */
export function enqueueOutbox(
  em: EntityManager,
  caseId: string,
  kind: OutboxKind,
  payload: Record<string, unknown>,
): OutboxMessage {
  return em.create(OutboxMessage, {
    id: uuidv7(),
    case: caseId,
    kind,
    payload,
    createdAt: new Date(),
    processedAt: null,
  });
}
