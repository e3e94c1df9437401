import { Type, type Static } from '@sinclair/typebox';

/** Names of keys, states and transitions: lower-case, URL-safe, at most 64 characters. */
export const NAME_PATTERN = '^[a-z][a-z0-9_-]{0,63}$';

/** The longest condition source accepted, in characters. */
export const CONDITION_MAX_LENGTH = 1000;

/** The highest quorum a transition may ask for. */
export const MAX_QUORUM = 25;

const Name = (description: string) => Type.String({ pattern: NAME_PATTERN, description });

const Title = Type.String({ minLength: 1, maxLength: 200 });

const Condition = (description: string) => Type.String({ minLength: 1, maxLength: CONDITION_MAX_LENGTH, description });

const JsonSchemaDocument = (description: string) => Type.Record(Type.String(), Type.Unknown(), { description });

/** One state of a workflow; a terminal state ends the case and has no outgoing transitions. */
export const StateSchema = Type.Object(
  {
    name: Name('State name, unique within the definition.'),
    title: Type.Optional(Title),
    terminal: Type.Optional(Type.Boolean({ default: false, description: 'True when the case ends here.' })),
  },
  { $id: 'WorkflowState', additionalProperties: false },
);

/** One branch of a conditional transition: enter `to` when `when` holds; the last branch has no `when`. */
export const TargetSchema = Type.Object(
  {
    when: Type.Optional(
      Condition('CEL condition over data.* and case.*; omitted on the last branch, which is the default.'),
    ),
    to: Name('The state entered when this branch is chosen.'),
  },
  { $id: 'WorkflowTarget', additionalProperties: false },
);

/**
 * How the principal must stand to the case: its requester, its assignee, or someone who took
 * (or approved towards) an earlier transition.
 */
export const RelationSchema = Type.Union(
  [
    Type.Literal('requester'),
    Type.Literal('assignee'),
    Type.Object(
      { approverOf: Name('A transition the principal must have taken (or approved towards) on this case.') },
      { additionalProperties: false },
    ),
  ],
  { $id: 'WorkflowRelation' },
);

/** Who may not take a transition even when roles and relations allow it. */
export const SeparationOfDutiesSchema = Type.Object(
  {
    notRequester: Type.Optional(Type.Boolean({ description: 'The requester may not take it on their own case.' })),
    notActorsOf: Type.Optional(
      Type.Array(Name('An earlier transition whose actors (and approvers) may not take this one.'), {
        minItems: 1,
        uniqueItems: true,
      }),
    ),
  },
  { $id: 'WorkflowSeparationOfDuties', additionalProperties: false },
);

/**
 * A named move from any of `from` to `to`, or to the first of `targets` whose condition holds. Taken by a
 * principal who holds one of `roles` (when given) and stands in one of `relations` (when given).
 */
export const TransitionSchema = Type.Object(
  {
    name: Name('Transition name, unique within the definition; used in the transition URL.'),
    title: Type.Optional(Title),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    from: Type.Array(Name('A state this transition leaves.'), { minItems: 1, uniqueItems: true }),
    to: Type.Optional(Name('The state this transition enters; give either `to` or `targets`.')),
    targets: Type.Optional(
      Type.Array(TargetSchema, {
        minItems: 1,
        maxItems: 20,
        description: 'Conditional targets, first match wins; the last one, without `when`, is the default.',
      }),
    ),
    roles: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 120 }), {
        minItems: 1,
        uniqueItems: true,
        description: 'App roles allowed to take this transition (role hierarchy included); any one is enough.',
      }),
    ),
    relations: Type.Optional(
      Type.Array(RelationSchema, {
        minItems: 1,
        maxItems: 10,
        description: 'Relations to the case allowed to take this transition; any one is enough.',
      }),
    ),
    separationOfDuties: Type.Optional(SeparationOfDutiesSchema),
    condition: Type.Optional(Condition('CEL condition over data.* and case.* that must hold to take it.')),
    inputSchema: Type.Optional(JsonSchemaDocument('JSON Schema the transition request body must satisfy.')),
    requiresStepUp: Type.Optional(Type.Boolean({ description: 'The principal must have passed MFA step-up.' })),
    irreversible: Type.Optional(
      Type.Boolean({ description: 'No path may ever lead back into a state this transition leaves.' }),
    ),
    quorum: Type.Optional(
      Type.Integer({
        description: `Distinct approvers needed before the move applies, 1 to ${MAX_QUORUM}; default 1.`,
      }),
    ),
  },
  { $id: 'WorkflowTransition', additionalProperties: false },
);

/** The document a workflow definition is published as. */
export const WorkflowDefinitionDocumentSchema = Type.Object(
  {
    key: Name('Stable identifier of the workflow; publishing the same key again adds a version.'),
    title: Title,
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    initialState: Name('The state every new case starts in.'),
    dataSchema: Type.Optional(JsonSchemaDocument("JSON Schema (object) the case's data must satisfy.")),
    states: Type.Array(StateSchema, { minItems: 1, maxItems: 200 }),
    transitions: Type.Array(TransitionSchema, { maxItems: 500 }),
  },
  {
    $id: 'WorkflowDefinitionDocument',
    additionalProperties: false,
    description: 'A workflow definition: its states, the transitions between them and their rules.',
  },
);

/** One state of a definition document. */
export type StateDefinition = Static<typeof StateSchema>;

/** One conditional target of a transition. */
export type TargetDefinition = Static<typeof TargetSchema>;

/** One relation a transition allows. */
export type RelationDefinition = Static<typeof RelationSchema>;

/** One transition of a definition document. */
export type TransitionDefinition = Static<typeof TransitionSchema>;

/** A workflow definition document as published. */
export type WorkflowDefinitionDocument = Static<typeof WorkflowDefinitionDocumentSchema>;
