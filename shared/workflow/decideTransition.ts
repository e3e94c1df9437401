import type { TransitionDefinition, WorkflowDefinitionDocument } from './definitionSchema';

/** What the decision needs to know about one attempted transition. */
export interface TransitionAttempt {
  definition: WorkflowDefinitionDocument;
  /** The case's current state. */
  state: string;
  /** Name of the transition the principal asks for. */
  transition: string;
  /** Whether the principal holds `role`, the role hierarchy included. */
  holdsRole(role: string): boolean;
}

/**
 * The outcome of a transition attempt:
 * - allowed: take `transition` to `transition.to`;
 * - unknown-transition: the definition has no transition of that name;
 * - forbidden: the principal holds none of the transition's roles (checked before the state, so a
 *   caller without the right never learns more than that);
 * - not-from-this-state: the transition does not leave the case's current state.
 */
export type TransitionDecision =
  | { outcome: 'allowed'; transition: TransitionDefinition }
  | { outcome: 'unknown-transition' }
  | { outcome: 'forbidden'; transition: TransitionDefinition }
  | { outcome: 'not-from-this-state'; transition: TransitionDefinition };

/** Decides whether a principal may take a transition from the case's current state. Pure. */
export function decideTransition(attempt: TransitionAttempt): TransitionDecision {
  const transition = attempt.definition.transitions.find((t) => t.name === attempt.transition);
  if (transition === undefined) return { outcome: 'unknown-transition' };
  if (!transition.roles.some((role) => attempt.holdsRole(role))) return { outcome: 'forbidden', transition };
  if (!transition.from.includes(attempt.state)) return { outcome: 'not-from-this-state', transition };
  return { outcome: 'allowed', transition };
}

/** The transitions that leave `state`, in definition order, whatever the principal's roles. */
export function transitionsFrom(definition: WorkflowDefinitionDocument, state: string): TransitionDefinition[] {
  return definition.transitions.filter((t) => t.from.includes(state));
}
