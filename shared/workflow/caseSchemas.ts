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

/** Path parameters naming a case. */
export const CaseParamsSchema = Type.Object({ caseId: Type.String({ format: 'uuid' }) });

/** Path parameters naming a case and a transition. */
export const TransitionParamsSchema = Type.Object({ caseId: Type.String({ format: 'uuid' }), transition: Name });

/** A case event resource. */
export type CaseEventResource = Static<typeof CaseEventSchema>;
