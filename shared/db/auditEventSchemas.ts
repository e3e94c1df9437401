import { Type, type Static } from '@sinclair/typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 64 });

/**
 * Every kind of audit event, by what happened to the case. A deadline or sweep acting on a case is a
 * transition (or a system action) with actor type `system`.
 */
export const AuditEventTypes = {
  /** The case was opened; `before` is null. */
  Opened: 'case.opened',
  /** A transition moved the case to another state. */
  Transitioned: 'case.transitioned',
  /** An approval was recorded toward a transition's quorum; the case did not move (yet). */
  ApprovalRecorded: 'case.approval_recorded',
  /** The case data (or title) changed. */
  DataChanged: 'case.data_changed',
  /** The assignee changed. */
  Assigned: 'case.assigned',
  /** A comment was added; the case itself did not change. */
  Commented: 'case.commented',
  /** An admin moved the case to another version of its definition, with a state mapping. */
  Migrated: 'case.migrated',
  /** Signoff did something on its own that is not a transition (a reminder, an escalation notice). */
  SystemAction: 'case.system_action',
} as const;

/** One of AuditEventTypes. */
export type AuditEventType = (typeof AuditEventTypes)[keyof typeof AuditEventTypes];

/** The type of an audit event, as a schema. */
export const AuditEventTypeSchema = Type.Union(
  Object.values(AuditEventTypes).map((type) => Type.Literal(type)),
  { description: 'What happened: case.opened, case.transitioned, case.approval_recorded, ...' },
);

/** Who caused an event: a signed-in user, a client application, or Signoff itself (deadlines). */
export const ActorTypeSchema = Type.Union([Type.Literal('user'), Type.Literal('app'), Type.Literal('system')]);

/** Who an event is attributed to, and through which client app and request. */
export const AuditActorSchema = Type.Object(
  {
    type: ActorTypeSchema,
    /** Object id of the user or service principal; null for Signoff itself. */
    oid: Nullable(Id),
    /** Tenant of the principal; null for Signoff itself (the event still records the case's tenant). */
    tenantId: Nullable(Id),
    clientAppId: Nullable(Id),
    requestId: Nullable(Type.String({ minLength: 1, maxLength: 128 })),
  },
  { additionalProperties: false },
);

/** What an audit event records of a case before and after it: the columns a change can touch. */
export const AuditCaseStateSchema = Type.Object(
  {
    title: Type.String(),
    state: Type.String(),
    assignee: Nullable(Type.String()),
    data: Type.Record(Type.String(), Type.Unknown()),
    definitionKey: Type.String(),
    definitionVersion: Type.Integer({ minimum: 1 }),
  },
  { $id: 'AuditCaseState', additionalProperties: false },
);

/**
 * What a caller states when it appends an event. The case's tenant, the state before and after, the
 * changed fields, the sequence, the time and the hashes are filled in by appendCaseEvent.
 */
export const NewCaseEventSchema = Type.Object(
  {
    caseId: Type.String({ format: 'uuid' }),
    type: AuditEventTypeSchema,
    actor: AuditActorSchema,
    /** Why, as the actor said it (a transition's reason, a migration's reason). */
    reason: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    /** The transition taken, or approved toward. */
    transition: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    /** Facts of this event beyond the case state: a comment, approvals toward a quorum, a version move. */
    payload: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);

/** The input of appendCaseEvent. */
export type NewCaseEvent = Static<typeof NewCaseEventSchema>;

/** One audit event as the audit API shows it: every recorded field, the chain links included. */
export const AuditEventSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    caseId: Type.String({ format: 'uuid' }),
    sequence: Type.Integer({ minimum: 1, description: 'Position in the case chain, from 1 with no gaps.' }),
    type: Type.String(),
    tenantId: Type.String({ description: 'Tenant of the case.' }),
    actor: Type.Object(
      { type: ActorTypeSchema, objectId: Nullable(Type.String()), clientAppId: Nullable(Type.String()) },
      { additionalProperties: false },
    ),
    requestId: Nullable(Type.String()),
    transition: Nullable(Type.String()),
    reason: Nullable(Type.String()),
    fromState: Nullable(Type.String()),
    toState: Type.String(),
    before: Type.Union([AuditCaseStateSchema, Type.Null()], { description: 'Null for case.opened.' }),
    after: AuditCaseStateSchema,
    changedFields: Type.Array(Type.String(), {
      description: 'JSON pointers into the case state of every field that changed: /state, /data/amount, ...',
    }),
    payload: Type.Record(Type.String(), Type.Unknown()),
    occurredAt: Type.String({
      description: 'As PostgreSQL stores it, UTC, microseconds: 2026-12-03T09:00:00.123000Z.',
    }),
    prevHash: Nullable(Type.String({ description: 'Hash of the event before; null for the first.' })),
    hash: Type.String({ description: 'SHA-256 (hex) over the RFC 8785 canonical JSON of the event.' }),
  },
  { $id: 'AuditEvent', additionalProperties: false },
);

/** An audit event resource. */
export type AuditEventResource = Static<typeof AuditEventSchema>;

/** Path parameters naming a case. */
export const AuditCaseParamsSchema = Type.Object({ caseId: Type.String({ format: 'uuid' }) });

/** A case's audit trail, oldest first. */
export const AuditTrailSchema = Type.Object(
  { caseId: Type.String({ format: 'uuid' }), items: Type.Array(AuditEventSchema) },
  { $id: 'AuditTrail', additionalProperties: false },
);

/** The answer of GET /api/v1/cases/{caseId}/audit/verify. */
export const ChainVerificationSchema = Type.Object(
  {
    caseId: Type.String({ format: 'uuid' }),
    valid: Type.Boolean({ description: 'True when every event links to the one before and matches its hash.' }),
    events: Type.Integer({ minimum: 0, description: 'How many events were checked.' }),
    headSequence: Type.Integer({ minimum: 0, description: 'Sequence of the last event; 0 when there is none.' }),
    headHash: Nullable(
      Type.String({ description: 'Hash of the last event: anchor it elsewhere to detect a cut tail.' }),
    ),
    firstBrokenLink: Type.Union([
      Type.Object(
        {
          sequence: Type.Integer({ minimum: 1 }),
          eventId: Nullable(Type.String({ format: 'uuid' })),
          reason: Type.Union(
            [
              Type.Literal('chain_empty'),
              Type.Literal('sequence_gap'),
              Type.Literal('prev_hash_mismatch'),
              Type.Literal('hash_mismatch'),
              Type.Literal('not_opened_first'),
            ],
            { description: 'Why the chain breaks here; see docs/audit.md.' },
          ),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
  },
  { $id: 'ChainVerification', additionalProperties: false },
);

/** The result of verifying a case's chain. */
export type ChainVerification = Static<typeof ChainVerificationSchema>;

/** Where and why a chain breaks. */
export type BrokenLink = NonNullable<ChainVerification['firstBrokenLink']>;
