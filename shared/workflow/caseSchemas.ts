import { Type, type Static } from '@sinclair/typebox';
import { NAME_PATTERN } from './definitionSchema';

const Name = Type.String({ pattern: NAME_PATTERN });
const Timestamp = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

/** Body of POST /api/v1/cases. */
export const OpenCaseBodySchema = Type.Object(
  {
    workflowKey: Type.String({
      pattern: NAME_PATTERN,
      description: 'Key of the definition; its latest active version.',
    }),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    data: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), { default: {}, description: 'Free-form data the case carries.' }),
    ),
  },
  { $id: 'OpenCase', additionalProperties: false },
);

/**
 * Body of POST /api/v1/cases/{caseId}/transitions/{transition}; `{}` when there is nothing to add. Members
 * beyond reason and comment are the transition's own input: its inputSchema must declare them (the
 * decision refuses them for a transition without one).
 */
export const TransitionBodySchema = Type.Object(
  {
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'Recorded in the audit trail.' })),
    comment: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
  },
  {
    $id: 'TransitionRequest',
    additionalProperties: true,
    description: "Other members are the transition's input, checked against its inputSchema.",
  },
);

/** A case as the API shows it. */
export const CaseSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    workflow: Type.Object({ key: Name, version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
    state: Name,
    title: Type.String(),
    data: Type.Record(Type.String(), Type.Unknown()),
    requester: Type.String({ description: 'Object id of the principal who opened the case.' }),
    assignee: Nullable(Type.String()),
    version: Type.Integer({ minimum: 1, description: 'Bumped by every change; the ETag is this number quoted.' }),
    nextTransitions: Type.Array(Name, { description: 'Transitions leaving the current state, whoever may take them.' }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Case', additionalProperties: false },
);

/** One entry of a case's audit trail. */
export const CaseEventSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    sequence: Type.Integer({ minimum: 1 }),
    type: Type.String(),
    actor: Type.Object(
      {
        type: Type.Union([Type.Literal('user'), Type.Literal('app'), Type.Literal('system')]),
        objectId: Nullable(Type.String()),
        tenantId: Nullable(Type.String()),
        clientAppId: Nullable(Type.String()),
      },
      { additionalProperties: false },
    ),
    requestId: Nullable(Type.String()),
    fromState: Nullable(Type.String()),
    toState: Nullable(Type.String()),
    transition: Nullable(Type.String()),
    reason: Nullable(Type.String()),
    payload: Type.Record(Type.String(), Type.Unknown()),
    occurredAt: Timestamp,
    prevHash: Nullable(Type.String({ description: 'Hash of the event before; null for the first.' })),
    hash: Type.String({ description: 'SHA-256 (hex) over the RFC 8785 canonical JSON of the event.' }),
  },
  { $id: 'CaseEvent', additionalProperties: false },
);

/** A case's audit trail, oldest first. */
export const CaseHistorySchema = Type.Object(
  { caseId: Type.String({ format: 'uuid' }), items: Type.Array(CaseEventSchema) },
  { $id: 'CaseHistory', additionalProperties: false },
);

/** The result of a transition: the case as it is now and the event that recorded the change. */
export const TransitionResultSchema = Type.Object(
  { case: CaseSchema, event: CaseEventSchema },
  { $id: 'TransitionResult', additionalProperties: false },
);

/** Path parameters naming a case. */
export const CaseParamsSchema = Type.Object({ caseId: Type.String({ format: 'uuid' }) });

/** Path parameters naming a case and a transition. */
export const TransitionParamsSchema = Type.Object({ caseId: Type.String({ format: 'uuid' }), transition: Name });

/** A case resource. */
export type CaseResource = Static<typeof CaseSchema>;

/** A case event resource. */
export type CaseEventResource = Static<typeof CaseEventSchema>;
