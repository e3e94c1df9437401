import type { ProblemCode } from '../http/catalogue';
import type { FieldError } from '../http/problem';
import type { TransitionDefinition } from './definitionSchema';

/** Why a transition attempt was refused. */
export type RefusalReason =
  | 'unknown_transition'
  | 'not_from_this_state'
  | 'role'
  | 'relation'
  | 'separation_of_duties'
  | 'duplicate_approval'
  | 'condition'
  | 'input_invalid';

/** The catalogue problem each refusal answers with (404, 409, 403 or 400). */
export const REFUSAL_PROBLEMS = {
  unknown_transition: 'not_found',
  not_from_this_state: 'transition_not_allowed',
  role: 'forbidden',
  relation: 'forbidden',
  separation_of_duties: 'forbidden',
  duplicate_approval: 'forbidden',
  condition: 'forbidden',
  input_invalid: 'validation_failed',
} as const satisfies Record<RefusalReason, ProblemCode>;

/** A refused attempt: the reason, the catalogue code to answer with, a detail for the caller. */
export interface Refusal {
  outcome: 'refuse';
  reason: RefusalReason;
  problem: ProblemCode;
  /** Safe to show the caller; names no other principal. */
  detail: string;
  /** Field errors of the request body (input_invalid only), pointers below /body. */
  errors: FieldError[];
  /** The transition asked for; undefined only for unknown_transition. */
  transition?: TransitionDefinition;
}

/** Builds a refusal of `reason`. */
export function refuse(
  reason: RefusalReason,
  detail: string,
  transition?: TransitionDefinition,
  errors: FieldError[] = [],
): Refusal {
  return { outcome: 'refuse', reason, problem: REFUSAL_PROBLEMS[reason], detail, errors, transition };
}
