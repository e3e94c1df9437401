import { Roles } from '../../../shared/auth/roles';
import type {
  CaseSnapshot,
  DecisionPrincipal,
  HistoryStep,
  PendingApproval,
} from '../../../shared/workflow/caseSnapshot';
import { compileDefinition, type CompiledDefinition } from '../../../shared/workflow/compileDefinition';
import type { WorkflowDefinitionDocument } from '../../../shared/workflow/definitionSchema';
import purchaseRequest from '../../../examples/purchase-request.json';

/** A fresh copy of the example purchase-request definition, for tests to alter freely. */
export function purchaseRequestDefinition(): WorkflowDefinitionDocument {
  return structuredClone(purchaseRequest) as WorkflowDefinitionDocument;
}

/** The example, compiled. */
export function compiledPurchaseRequest(): CompiledDefinition {
  return compileDefinition(purchaseRequestDefinition());
}

/** Every Signoff role, as the publish-time checks get them. */
export const knownRoles = { knownRoles: Object.values(Roles) };

/** A user principal with `oid` holding exactly `roles` (no hierarchy), not stepped up. */
export function principal(oid: string, ...roles: string[]): DecisionPrincipal {
  return { oid, kind: 'user', holdsRole: (role) => roles.includes(role), steppedUp: false };
}

/** A purchase request case opened by "rita" for `amount`, in `state`, with `history`. */
export function purchase(state: string, amount = 1450, history: HistoryStep[] = []): CaseSnapshot {
  return { state, data: { amount, currency: 'EUR' }, requester: 'rita', assignee: null, history, approvals: [] };
}

/** `actor` took `transition`. */
export function step(transition: string, actor: string): HistoryStep {
  return { transition, actor };
}

/** `snapshot` with approvals of `transition` by `approvers` recorded since it last moved. */
export function withApprovals(snapshot: CaseSnapshot, transition: string, ...approvers: string[]): CaseSnapshot {
  const approvals: PendingApproval[] = approvers.map((approver) => ({ transition, approver }));
  const history = [...snapshot.history, ...approvers.map((approver) => step(transition, approver))];
  return { ...snapshot, history, approvals: [...snapshot.approvals, ...approvals] };
}
