import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Case } from './case';

/** Who caused an event: a signed-in user, a client application, or Signoff itself (deadlines). */
export const ActorTypes = ['user', 'app', 'system'] as const;

/** One of ActorTypes. */
export type ActorType = (typeof ActorTypes)[number];

/**
 * One entry of a case's audit trail. Events are appended, never changed: `sequence` numbers them per
 * case from 1 and `hash` is SHA-256 over the canonical form of the event including `prevHash`, the hash
 * of the event before it (null for the first), so any edit or gap breaks the chain.
 */
export const CaseEvent = defineEntity({
  name: 'CaseEvent',
  tableName: 'case_events',
  properties: {
    id: p.uuid().primary(),
    case: () => p.manyToOne(Case).mapToPk().fieldName('case_id').deleteRule('no action'),
    sequence: p.integer(),
    type: p.string().length(64),
    actorOid: p.string().length(64).nullable(),
    actorType: p.enum(ActorTypes),
    tenantId: p.string().length(64).nullable(),
    clientAppId: p.string().length(64).nullable(),
    requestId: p.string().length(128).nullable(),
    fromState: p.string().length(64).nullable(),
    toState: p.string().length(64).nullable(),
    transition: p.string().length(64).nullable(),
    reason: p.text().nullable(),
    payload: p.json<Record<string, unknown>>().columnType('jsonb'),
    occurredAt: p.datetime(),
    prevHash: p.string().length(64).nullable(),
    hash: p.string().length(64),
  },
  uniques: [{ name: 'case_events_case_sequence_unique', properties: ['case', 'sequence'] }],
});

/** A row of `case_events`. */
export type CaseEvent = InferEntity<typeof CaseEvent>;
