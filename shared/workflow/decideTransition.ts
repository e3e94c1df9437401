import type { FieldError } from '../http/problem';
import { approvalsTowardQuorum, type CaseSnapshot, type DecisionPrincipal } from './caseSnapshot';
import type { CompiledDefinition, CompiledTransition } from './compileDefinition';
import type { TransitionDefinition, WorkflowDefinitionDocument } from './definitionSchema';
import { bindingsOf, firstRefusal, GUARDS } from './guards';
import { refuse, type Refusal } from './refusal';

/** Everything one transition attempt brings to the decision. */
export interface TransitionAttempt {
  definition: CompiledDefinition;
  case: CaseSnapshot;
  /** Name of the transition asked for. */
  transition: string;
  principal: DecisionPrincipal;
  /** The transition request body, already valid against TransitionBodySchema. */
  input: Record<string, unknown>;
}

/** Move the case: enter `to`; `approvers` lists everyone whose approval made up the quorum, this one last. */
export interface Apply {
  outcome: 'apply';
  transition: TransitionDefinition;
  from: string;
  to: string;
  irreversible: boolean;
  approvers: string[];
}

/** Record this principal's approval; the quorum is not met yet, so the case stays where it is. */
export interface RecordApproval {
  outcome: 'record-approval';
  transition: TransitionDefinition;
  /** Distinct approvals once this one is recorded. */
  approvals: number;
  needed: number;
}

/** Everything else allows the attempt, but the principal must first pass MFA step-up (requireStepUp). */
export interface StepUpRequired {
  outcome: 'step-up-required';
  transition: TransitionDefinition;
}

/**
 * The outcome of a transition attempt. Checks run in this order and the first failing one decides:
 * unknown transition; role (before the state, so a caller without the right learns nothing more);
 * state; relation; separation of duties; duplicate approval; condition; input schema; step-up;
 * then the quorum, then the target (first `targets` branch whose condition holds).
 */
export type TransitionDecision = Apply | RecordApproval | StepUpRequired | Refusal;

/** What a request body may hold for a transition without an inputSchema. */
const PLAIN_BODY_MEMBERS = ['reason', 'comment'];

/** `key` as one JSON pointer reference token (RFC 6901). */
function pointerToken(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function inputErrors(transition: CompiledTransition, input: Record<string, unknown>): FieldError[] {
  if (transition.validateInput !== undefined) return transition.validateInput(input, '/body');
  return Object.keys(input)
    .filter((key) => !PLAIN_BODY_MEMBERS.includes(key))
    .map((key) => ({ pointer: `/body/${pointerToken(key)}`, message: 'is not an input of this transition' }));
}

function inputRefusal(transition: CompiledTransition, input: Record<string, unknown>): Refusal | undefined {
  const errors = inputErrors(transition, input);
  if (errors.length === 0) return undefined;
  const detail = 'The request body does not give what this transition needs.';
  return refuse('input_invalid', detail, transition.definition, errors);
}

function route(transition: CompiledTransition, snapshot: CaseSnapshot): string | Refusal {
  const bindings = bindingsOf(snapshot);
  for (const { when, to } of transition.routes) {
    if (when === undefined) return to;
    const result = when.evaluate(bindings);
    if (!result.ok) {
      return refuse('condition', `The target cannot be decided (${result.message}).`, transition.definition);
    }
    if (result.value) return to;
  }
  return refuse('condition', 'No target of this transition applies.', transition.definition);
}

function quorumOrMove(transition: CompiledTransition, attempt: TransitionAttempt): TransitionDecision {
  const { definition } = transition;
  const approvers = [...approvalsTowardQuorum(attempt.case, definition.name), attempt.principal.oid];
  if (approvers.length < transition.quorum) {
    return {
      outcome: 'record-approval',
      transition: definition,
      approvals: approvers.length,
      needed: transition.quorum,
    };
  }
  const to = route(transition, attempt.case);
  if (typeof to !== 'string') return to;
  const irreversible = definition.irreversible === true;
  return { outcome: 'apply', transition: definition, from: attempt.case.state, to, irreversible, approvers };
}

/**
 * Decides a transition attempt against a compiled definition. Pure: it reads the snapshot and the
 * principal, changes nothing and never throws. The caller enforces step-up (requireStepUp), records an
 * approval, or applies the move, each with its audit event.
 */
export function decideTransition(attempt: TransitionAttempt): TransitionDecision {
  const transition = attempt.definition.transitions.get(attempt.transition);
  if (transition === undefined) {
    return refuse('unknown_transition', "This case's workflow has no transition of that name.");
  }

  const context = { transition, snapshot: attempt.case, principal: attempt.principal };
  const refusal = firstRefusal(GUARDS, context) ?? inputRefusal(transition, attempt.input);
  if (refusal !== undefined) return refusal;
  if (transition.definition.requiresStepUp === true && !attempt.principal.steppedUp) {
    return { outcome: 'step-up-required', transition: transition.definition };
  }
  return quorumOrMove(transition, attempt);
}

/** The transitions that leave `state`, in definition order, whatever the principal's roles. */
export function transitionsFrom(definition: WorkflowDefinitionDocument, state: string): TransitionDefinition[] {
  return definition.transitions.filter((t) => t.from.includes(state));
}
