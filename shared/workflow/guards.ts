import { actorsOf, approvalsTowardQuorum, type CaseSnapshot, type DecisionPrincipal } from './caseSnapshot';
import type { CompiledTransition } from './compileDefinition';
import type { ConditionBindings } from './condition';
import type { RelationDefinition } from './definitionSchema';
import { refuse, type Refusal } from './refusal';

/** Everything a guard looks at. */
export interface GuardContext {
  transition: CompiledTransition;
  snapshot: CaseSnapshot;
  principal: DecisionPrincipal;
}

/** A check that refuses an attempt, or lets it pass (undefined). */
export type Guard = (context: GuardContext) => Refusal | undefined;

/** The principal holds one of the transition's roles, when it lists any. */
export const roleGuard: Guard = ({ transition: { definition }, principal }) => {
  const roles = definition.roles;
  if (roles === undefined || roles.some((role) => principal.holdsRole(role))) return undefined;
  return refuse('role', `This transition needs one of the roles: ${roles.join(', ')}.`, definition);
};

/** The transition leaves the case's current state. */
export const stateGuard: Guard = ({ transition: { definition }, snapshot }) => {
  if (definition.from.includes(snapshot.state)) return undefined;
  const detail = `The case is in state "${snapshot.state}"; this transition leaves ${definition.from.join(', ')} only.`;
  return refuse('not_from_this_state', detail, definition);
};

function relationHolds(relation: RelationDefinition, snapshot: CaseSnapshot, oid: string): boolean {
  if (relation === 'requester') return snapshot.requester === oid;
  if (relation === 'assignee') return snapshot.assignee === oid;
  return actorsOf(snapshot.history, [relation.approverOf]).has(oid);
}

function relationName(relation: RelationDefinition): string {
  return typeof relation === 'string' ? `the case's ${relation}` : `whoever took "${relation.approverOf}"`;
}

/** The principal stands in one of the transition's relations to the case, when it lists any. */
export const relationGuard: Guard = ({ transition: { definition }, snapshot, principal }) => {
  const relations = definition.relations;
  if (relations === undefined || relations.some((r) => relationHolds(r, snapshot, principal.oid))) return undefined;
  return refuse('relation', `Only ${relations.map(relationName).join(' or ')} may take this transition.`, definition);
};

/** The principal is neither the requester (when excluded) nor an actor of an excluded earlier transition. */
export const separationGuard: Guard = ({ transition: { definition }, snapshot, principal }) => {
  const rule = definition.separationOfDuties;
  if (rule === undefined) return undefined;
  if (rule.notRequester === true && snapshot.requester === principal.oid) {
    return refuse('separation_of_duties', 'The requester may not take this transition on their own case.', definition);
  }
  const excluded = rule.notActorsOf ?? [];
  if (excluded.length > 0 && actorsOf(snapshot.history, excluded).has(principal.oid)) {
    const detail = `Whoever took ${excluded.map((t) => `"${t}"`).join(' or ')} on this case may not take this one too.`;
    return refuse('separation_of_duties', detail, definition);
  }
  return undefined;
};

/** A principal approves towards a quorum once. */
export const duplicateApprovalGuard: Guard = ({ transition, snapshot, principal }) => {
  if (transition.quorum <= 1) return undefined;
  if (!approvalsTowardQuorum(snapshot, transition.definition.name).includes(principal.oid)) return undefined;
  return refuse('duplicate_approval', 'You have already approved this; another approver must.', transition.definition);
};

/** What conditions see of the snapshot. */
export function bindingsOf(snapshot: CaseSnapshot): ConditionBindings {
  const { data, state, requester, assignee } = snapshot;
  return { data, case: { state, requester, assignee } };
}

/** The transition's condition holds on the case data; a condition that cannot be decided refuses. */
export const conditionGuard: Guard = ({ transition: { definition, condition }, snapshot }) => {
  if (condition === undefined) return undefined;
  const result = condition.evaluate(bindingsOf(snapshot));
  if (result.ok && result.value) return undefined;
  const why = result.ok ? 'does not hold' : `cannot be decided (${result.message})`;
  return refuse('condition', `The transition's condition ${why} for this case's data.`, definition);
};

/** The guards every attempt and every listing goes through, in order: the first refusal wins. */
export const GUARDS: readonly Guard[] = [
  roleGuard,
  stateGuard,
  relationGuard,
  separationGuard,
  duplicateApprovalGuard,
  conditionGuard,
];

/** The first refusal of `guards` for `context`; undefined when every one passes. */
export function firstRefusal(guards: readonly Guard[], context: GuardContext): Refusal | undefined {
  for (const guard of guards) {
    const refusal = guard(context);
    if (refusal !== undefined) return refusal;
  }
  return undefined;
}
