import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Case } from './case';

/**
 * A message to deliver after commit (signal the case's orchestration, notify). Written in the same
 * transaction as the change it announces; a relay marks it processed once delivered.
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
    processedAt: p.datetime().nullable(),
  },
  indexes: [
    { name: 'outbox_case_idx', properties: ['case'] },
    { name: 'outbox_pending_idx', properties: ['createdAt'], where: 'processed_at is null' },
  ],
});

/** A row of `outbox`. */
export type OutboxMessage = InferEntity<typeof OutboxMessage>;
