import { Type, type Static } from '@sinclair/typebox';

/** Names of keys, states and transitions: lower-case, URL-safe, at most 64 characters. */
export const NAME_PATTERN = '^[a-z][a-z0-9_-]{0,63}$';

const Name = (description: string) => Type.String({ pattern: NAME_PATTERN, description });

/** One state of a workflow; a terminal state ends the case and has no outgoing transitions. */
export const StateSchema = Type.Object(
  {
    name: Name('State name, unique within the definition.'),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    terminal: Type.Optional(Type.Boolean({ default: false, description: 'True when the case ends here.' })),
  },
  { $id: 'WorkflowState', additionalProperties: false },
);

/** A named move from any of `from` to `to`, allowed to principals holding any of `roles`. */
export const TransitionSchema = Type.Object(
  {
    name: Name('Transition name, unique within the definition; used in the transition URL.'),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    from: Type.Array(Name('A state this transition leaves.'), { minItems: 1, uniqueItems: true }),
    to: Name('The state this transition enters.'),
    roles: Type.Array(Type.String({ minLength: 1, maxLength: 120 }), {
      minItems: 1,
      uniqueItems: true,
      description: 'App roles allowed to take this transition; holding any one is enough.',
    }),
  },
  { $id: 'WorkflowTransition', additionalProperties: false },
);

/** The document a workflow definition is published as. */
export const WorkflowDefinitionDocumentSchema = Type.Object(
  {
    key: Name('Stable identifier of the workflow; publishing the same key again adds a version.'),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    initialState: Name('The state every new case starts in.'),
    states: Type.Array(StateSchema, { minItems: 1, maxItems: 200 }),
    transitions: Type.Array(TransitionSchema, { maxItems: 500 }),
  },
  {
    $id: 'WorkflowDefinitionDocument',
    additionalProperties: false,
    description: 'A workflow definition: its states and the transitions between them.',
  },
);

/** One state of a definition document. */
export type StateDefinition = Static<typeof StateSchema>;

/** One transition of a definition document. */
export type TransitionDefinition = Static<typeof TransitionSchema>;

/** A workflow definition document as published. */
export type WorkflowDefinitionDocument = Static<typeof WorkflowDefinitionDocumentSchema>;
