/** One step of a case's past: a transition applied, or an approval recorded towards a quorum. */
export interface HistoryStep {
  /** 'applied' when the case moved (the last approval of a quorum included); 'approval' when it did not. */
  kind: 'applied' | 'approval';
  /** Name of the transition taken or approved towards. */
  transition: string;
  /** Object id of the principal; null for Signoff itself (deadlines). */
  actor: string | null;
}

/** What the decision needs to know about a case. */
export interface CaseSnapshot {
  /** The current state. */
  state: string;
  /** The case data, as stored. */
  data: Record<string, unknown>;
  /** Object id of the principal who opened the case. */
  requester: string;
  /** Object id of the assignee; null when there is none. */
  assignee: string | null;
  /**
   * Every transition applied and every approval recorded on the case, oldest first. Separation of duties
   * and approverOf look at all of it; a quorum counts the approvals since the last applied step.
   */
  history: readonly HistoryStep[];
}

/** Who attempts a transition. */
export interface DecisionPrincipal {
  /** Object id of the user or service principal. */
  oid: string;
  kind: 'user' | 'app';
  /** Whether the principal holds `role`, the role hierarchy included. */
  holdsRole(role: string): boolean;
  /** Whether the principal's token proves MFA step-up (shared/auth/stepUp.ts hasSteppedUp). */
  steppedUp: boolean;
}

/**
 * The distinct approvers whose approvals of `transition` count towards its quorum now: those recorded
 * since the case last moved (every move resets every quorum), in the order they approved.
 */
export function approvalsTowardQuorum(snapshot: CaseSnapshot, transition: string): string[] {
  const approvers: string[] = [];
  for (const step of snapshot.history) {
    if (step.kind === 'applied') approvers.length = 0;
    else if (step.transition === transition && step.actor !== null && !approvers.includes(step.actor)) {
      approvers.push(step.actor);
    }
  }
  return approvers;
}

/** The distinct principals who ever took, or approved towards, any of `transitions` on the case. */
export function actorsOf(history: readonly HistoryStep[], transitions: readonly string[]): Set<string> {
  const actors = new Set<string>();
  for (const step of history) {
    if (step.actor !== null && transitions.includes(step.transition)) actors.add(step.actor);
  }
  return actors;
}
