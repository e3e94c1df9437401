/** One step of a case's past: someone took a transition, or approved towards its quorum. */
export interface HistoryStep {
  /** Name of the transition taken or approved towards. */
  transition: string;
  /** Object id of the principal; null for Signoff itself (deadlines). */
  actor: string | null;
}

/** One approval that counts towards a quorum now (recorded since the case last moved). */
export interface PendingApproval {
  transition: string;
  /** Object id of the approver. */
  approver: string;
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
   * Every transition taken and every approval recorded on the case, oldest first: separation of duties
   * and approverOf look here.
   */
  history: readonly HistoryStep[];
  /** The approvals recorded towards a quorum since the case last moved (a move resets every quorum). */
  approvals: readonly PendingApproval[];
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

/** The distinct approvers whose approvals of `transition` count towards its quorum now, in order. */
export function approvalsTowardQuorum(snapshot: CaseSnapshot, transition: string): string[] {
  const approvers = snapshot.approvals.filter((a) => a.transition === transition).map((a) => a.approver);
  return [...new Set(approvers)];
}

/** The distinct principals who ever took, or approved towards, any of `transitions` on the case. */
export function actorsOf(history: readonly HistoryStep[], transitions: readonly string[]): Set<string> {
  const actors = new Set<string>();
  for (const step of history) {
    if (step.actor !== null && transitions.includes(step.transition)) actors.add(step.actor);
  }
  return actors;
}
