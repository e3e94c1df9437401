import type { CheckOptions, DefinitionCheck, DefinitionProblem } from './definitionProblem';
import type { WorkflowDefinitionDocument } from './definitionSchema';
import {
  earlierTransitionsExist,
  everyStateHasWayOut,
  everyStateReachable,
  irreversibleMeansNoReturn,
  terminalStatesAreFinal,
} from './graphChecks';
import { conditionsCompile, schemasCompile } from './ruleChecks';
import {
  initialStateExists,
  oneWayToTarget,
  quorumSensible,
  rolesKnown,
  someoneMayTake,
  transitionEndsExist,
  uniqueStateNames,
  uniqueTransitionNames,
} from './structureChecks';

const checks: DefinitionCheck[] = [
  initialStateExists,
  uniqueStateNames,
  uniqueTransitionNames,
  oneWayToTarget,
  transitionEndsExist,
  terminalStatesAreFinal,
  everyStateReachable,
  everyStateHasWayOut,
  irreversibleMeansNoReturn,
  someoneMayTake,
  rolesKnown,
  quorumSensible,
  earlierTransitionsExist,
  conditionsCompile,
  schemasCompile,
];

/**
 * Every problem that stops a schema-valid definition document from being published, all at once, each
 * with a JSON pointer into the document, grouped by check in this order: the initial state exists;
 * state and transition names are unique; each transition has `to` or `targets` (the default last);
 * every state it leaves or enters exists; terminal states have no outgoing transitions; every state is
 * reachable from the initial state; every non-terminal state has a way out that can end the case; no
 * path leads back into a state an irreversible transition left; every transition names roles or
 * relations, and only known roles; quorums are sensible; approverOf and notActorsOf name transitions
 * that can come earlier; conditions and schemas compile. An empty list means the document may be
 * published. Pure; never throws.
 */
export function checkDefinition(definition: WorkflowDefinitionDocument, options: CheckOptions): DefinitionProblem[] {
  return checks.flatMap((check) => check(definition, options));
}
