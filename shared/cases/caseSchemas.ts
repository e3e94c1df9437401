import { Type, type Static } from '@sinclair/typebox';
import { CaseEventSchema, TransitionBodySchema } from '../workflow/caseSchemas';
import { NAME_PATTERN } from '../workflow/definitionSchema';
import { REFUSAL_PROBLEMS } from '../workflow/refusal';

const Name = Type.String({ pattern: NAME_PATTERN });
const Timestamp = Type.String({ format: 'date-time' });
const ObjectId = Type.String({ minLength: 1, maxLength: 64 });

/** One approval recorded toward a transition's quorum. */
export const CaseApprovalSchema = Type.Object(
  {
    transition: Name,
    approver: Type.String({ description: 'Object id of the approver.' }),
    round: Type.Integer({ minimum: 1, description: 'The approval round it counts in; see the case round.' }),
    approvedAt: Timestamp,
  },
  { $id: 'CaseApproval', additionalProperties: false },
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
    assignee: Type.Union([Type.String(), Type.Null()]),
    version: Type.Integer({ minimum: 1, description: 'Bumped by every change; the ETag is this number quoted.' }),
    round: Type.Integer({
      minimum: 1,
      description: 'Approval round: moves on with every transition applied; only approvals of this round count.',
    }),
    approvals: Type.Array(CaseApprovalSchema, { description: 'Every approval toward a quorum, oldest first.' }),
    nextTransitions: Type.Array(Name, {
      description: 'Transitions leaving the current state, whoever may take them; see .../transitions for yours.',
    }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  },
  { $id: 'Case', additionalProperties: false },
);

/** The body of PATCH /api/v1/cases/{caseId}: a JSON Merge Patch (RFC 7396) of the title and data. */
export const CasePatchSchema = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    data: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'Merged into the data: a member set to null is removed, an object is merged recursively.',
      }),
    ),
  },
  { $id: 'CasePatch', additionalProperties: false, minProperties: 1 },
);

/** The result of a transition: the case as it is now and the event that recorded the change. */
export const TransitionResultSchema = Type.Object(
  {
    outcome: Type.Union([Type.Literal('applied'), Type.Literal('approval_recorded')], {
      description: 'applied: the case moved (200); approval_recorded: the quorum is not met yet (202).',
    }),
    case: CaseSchema,
    event: CaseEventSchema,
    quorum: Type.Optional(
      Type.Object(
        { approvals: Type.Integer({ minimum: 1 }), needed: Type.Integer({ minimum: 2 }) },
        { additionalProperties: false, description: 'Only with approval_recorded.' },
      ),
    ),
  },
  { $id: 'TransitionResult', additionalProperties: false },
);

/** One transition leaving the case's state, as the caller may (or may not) take it now. */
export const AvailableTransitionSchema = Type.Object(
  {
    name: Name,
    title: Type.Optional(Type.String()),
    available: Type.Boolean({ description: 'Whether you may take it now (with a body its inputSchema accepts).' }),
    reason: Type.Optional(
      Type.Union(
        Object.keys(REFUSAL_PROBLEMS).map((reason) => Type.Literal(reason)),
        { description: 'Why not, when not available.' },
      ),
    ),
    detail: Type.Optional(Type.String()),
    stepUp: Type.Boolean({ description: 'Taking it asks you for MFA step-up first.' }),
    needsInput: Type.Boolean({ description: 'The request body must satisfy the transition inputSchema.' }),
    quorum: Type.Optional(
      Type.Object(
        { approvals: Type.Integer({ minimum: 0 }), needed: Type.Integer({ minimum: 2 }) },
        { additionalProperties: false },
      ),
    ),
  },
  { $id: 'AvailableTransition', additionalProperties: false },
);

/** GET /api/v1/cases/{caseId}/transitions. */
export const AvailableTransitionsSchema = Type.Object(
  {
    caseId: Type.String({ format: 'uuid' }),
    state: Name,
    version: Type.Integer({ minimum: 1 }),
    items: Type.Array(AvailableTransitionSchema),
  },
  { $id: 'AvailableTransitions', additionalProperties: false },
);

/** The body of POST /api/v1/cases/{caseId}/assignment. */
export const AssignmentBodySchema = Type.Object(
  {
    assignee: Type.Union([ObjectId, Type.Null()], { description: 'Object id of the new assignee; null unassigns.' }),
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'Recorded in the audit trail.' })),
  },
  { $id: 'Assignment', additionalProperties: false },
);

/** The body of POST /api/v1/cases/{caseId}/comments. */
export const CommentBodySchema = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 4000 }) },
  { $id: 'NewComment', additionalProperties: false },
);

/** A comment on a case. */
export const CommentSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    caseId: Type.String({ format: 'uuid' }),
    author: Type.Object(
      {
        type: Type.Union([Type.Literal('user'), Type.Literal('app'), Type.Literal('system')]),
        objectId: Type.String(),
      },
      { additionalProperties: false },
    ),
    body: Type.String(),
    createdAt: Timestamp,
  },
  { $id: 'Comment', additionalProperties: false },
);

/** One page of a case's comments, oldest first. */
export const CommentListSchema = Type.Object(
  {
    items: Type.Array(CommentSchema),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as ?cursor= for the next page; null on the last page.',
    }),
  },
  { $id: 'CommentList', additionalProperties: false },
);

/** Page size of a comment list when `limit` is not given. */
export const DEFAULT_COMMENT_PAGE = 50;

/** Query of GET /api/v1/cases/{caseId}/comments. */
export const CommentListQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: DEFAULT_COMMENT_PAGE })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
  },
  { additionalProperties: false },
);

/** A case resource. */
export type CaseResource = Static<typeof CaseSchema>;

/** A comment resource. */
export type CommentResource = Static<typeof CommentSchema>;

/** A transition as GET .../transitions shows it. */
export type AvailableTransitionResource = Static<typeof AvailableTransitionSchema>;

/**
 * Body of POST /api/v1/cases/{caseId}/transitions/{transition}: TransitionBodySchema, where an empty body
 * counts as `{}` (a transition's inputSchema may still require members).
 */
export const TransitionRequestSchema = { ...TransitionBodySchema, default: {} };
