import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { AuditCaseState } from '../auditCaseState';
import { Case } from './case';

/** Who caused an event: a signed-in user, a client application, or Signoff itself (deadlines). */
export const ActorTypes = ['user', 'app', 'system'] as const;

/** One of ActorTypes. */
export type ActorType = (typeof ActorTypes)[number];

/**
 * One entry of a case's audit trail. Events are appended, never changed (the database refuses UPDATE,
 * DELETE and TRUNCATE): `sequence` numbers them per case from 1 and `hash` is SHA-256 over the canonical
 * form of every other column, `prevHash` (the hash of the event before, null for the first) included,
 * so any edit or gap breaks the chain. `tenantId` is the case's tenant, whoever the actor is. See
 * docs/audit.md.
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
    tenantId: p.string().length(64),
    clientAppId: p.string().length(64).nullable(),
    requestId: p.string().length(128).nullable(),
    fromState: p.string().length(64).nullable(),
    toState: p.string().length(64),
    transition: p.string().length(64).nullable(),
    reason: p.text().nullable(),
    payload: p.json<Record<string, unknown>>().columnType('jsonb'),
    before: p.json<AuditCaseState>().columnType('jsonb').nullable(),
    after: p.json<AuditCaseState>().columnType('jsonb'),
    changedFields: p.json<string[]>().columnType('jsonb'),
    occurredAt: p.datetime(),
    prevHash: p.string().length(64).nullable(),
    hash: p.string().length(64),
  },
  uniques: [{ name: 'case_events_case_sequence_unique', properties: ['case', 'sequence'] }],
  // Created with their functions by Migration20261203120000_audit_trail; declared so schema diffs keep them.
  triggers: [
    {
      name: 'case_events_append_only',
      timing: 'before',
      events: ['update', 'delete', 'truncate'],
      forEach: 'statement',
      expression: `create trigger "case_events_append_only" before update or delete or truncate on "case_events" for each statement execute function "signoff_refuse_audit_change"()`,
    },
    {
      name: 'case_events_linked',
      timing: 'before',
      events: ['insert'],
      expression: `create trigger "case_events_linked" before insert on "case_events" for each row execute function "signoff_check_audit_link"()`,
    },
  ],
});

/** A row of `case_events`. */
export type CaseEvent = InferEntity<typeof CaseEvent>;
