import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Case } from './case';

/**
 * A message to deliver after commit (signal the case's orchestration, notify). Written in the same
 * transaction as the change it announces; a relay claims pending rows (processed_at null, available_at
 * reached), delivers them and marks them processed, or counts the attempt and retries later.
 */
export const OutboxMessage = defineEntity({
  name: 'OutboxMessage',
  tableName: 'outbox',
  properties: {
    id: p.uuid().primary(),
    case: () => p.manyToOne(Case).mapToPk().fieldName('case_id').deleteRule('no action'),
    kind: p.string().length(64),
    payload: p.json<Record<string, unknown>>().columnType('jsonb'),
    createdAt: p.datetime(),
    /** Earliest time the relay may try (again); moved on after each failed attempt. */
    availableAt: p.datetime().defaultRaw('now()'),
    attempts: p.integer().default(0),
    /** Why the last attempt failed; a fixed message, never a payload. */
    lastError: p.text().nullable(),
    processedAt: p.datetime().nullable(),
  },
  indexes: [
    { name: 'outbox_case_idx', properties: ['case'] },
    { name: 'outbox_pending_idx', properties: ['availableAt', 'id'], where: 'processed_at is null' },
  ],
});

/** A row of `outbox`. */
export type OutboxMessage = InferEntity<typeof OutboxMessage>;
