import { approvalsTowardQuorum, type CaseSnapshot, type DecisionPrincipal } from './caseSnapshot';
import type { CompiledDefinition, CompiledTransition } from './compileDefinition';
import { firstRefusal, GUARDS } from './guards';
import type { RefusalReason } from './refusal';

/** One transition leaving the current state, as a UI should show it to this principal. */
export interface AvailableTransition {
  name: string;
  title?: string;
  /** Whether the principal may take it now (given a body its inputSchema accepts). */
  available: boolean;
  /** Why not, when not available. */
  reason?: RefusalReason;
  detail?: string;
  /** Taking it asks for MFA step-up first (the principal has not passed it yet). */
  stepUp: boolean;
  /** The request body must satisfy an inputSchema (a reason, say). */
  needsInput: boolean;
  /** Distinct approvals recorded so far and needed, for a quorum above 1. */
  quorum?: { approvals: number; needed: number };
}

function listing(transition: CompiledTransition, snapshot: CaseSnapshot, principal: DecisionPrincipal) {
  const { definition } = transition;
  const refusal = firstRefusal(GUARDS, { transition, snapshot, principal });
  const entry: AvailableTransition = {
    name: definition.name,
    available: refusal === undefined,
    stepUp: definition.requiresStepUp === true && !principal.steppedUp,
    needsInput: transition.validateInput !== undefined,
  };
  if (definition.title !== undefined) entry.title = definition.title;
  if (refusal !== undefined) Object.assign(entry, { reason: refusal.reason, detail: refusal.detail });
  if (transition.quorum > 1) {
    const approvals = approvalsTowardQuorum(snapshot, definition.name).length;
    entry.quorum = { approvals, needed: transition.quorum };
  }
  return entry;
}

/**
 * Every transition leaving the case's current state, in definition order, each with whether this
 * principal may take it and, if not, why (the same guards and order as decideTransition; the body is
 * not known yet, so an inputSchema only shows as needsInput). Pure.
 */
export function availableTransitions(
  definition: CompiledDefinition,
  snapshot: CaseSnapshot,
  principal: DecisionPrincipal,
): AvailableTransition[] {
  return [...definition.transitions.values()]
    .filter((t) => t.definition.from.includes(snapshot.state))
    .map((t) => listing(t, snapshot, principal));
}
