import { Roles } from '../../../shared/auth/roles';
import type { CaseSnapshot, DecisionPrincipal, HistoryStep } from '../../../shared/workflow/caseSnapshot';
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
  return { state, data: { amount, currency: 'EUR' }, requester: 'rita', assignee: null, history };
}

/** `actor` took `transition` and the case moved. */
export function step(transition: string, actor: string): HistoryStep {
  return { kind: 'applied', transition, actor };
}

/** `snapshot` with approvals of `transition` by `approvers` recorded after its history so far. */
export function withApprovals(snapshot: CaseSnapshot, transition: string, ...approvers: string[]): CaseSnapshot {
  const approvals = approvers.map((actor): HistoryStep => ({ kind: 'approval', transition, actor }));
  return { ...snapshot, history: [...snapshot.history, ...approvals] };
}
