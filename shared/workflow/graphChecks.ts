import { targetStates } from './compileDefinition';
import { problem, type DefinitionCheck, type DefinitionProblem } from './definitionProblem';
import type { TransitionDefinition, WorkflowDefinitionDocument } from './definitionSchema';
import { reachableFrom, reachableStates, successors } from './reachability';

function terminalNames(d: WorkflowDefinitionDocument): Set<string> {
  return new Set(d.states.filter((s) => s.terminal === true).map((s) => s.name));
}

function initialExists(d: WorkflowDefinitionDocument): boolean {
  return d.states.some((s) => s.name === d.initialState);
}

/** No transition leaves a terminal state. */
export const terminalStatesAreFinal: DefinitionCheck = (d) => {
  const terminal = terminalNames(d);
  return d.transitions.flatMap((t, i) =>
    t.from.flatMap((from, j) =>
      terminal.has(from)
        ? [problem(`/transitions/${i}/from/${j}`, `transition "${t.name}" leaves terminal state "${from}"`)]
        : [],
    ),
  );
};

/** Every state can be reached from the initial state. */
export const everyStateReachable: DefinitionCheck = (d) => {
  if (!initialExists(d)) return [];
  const reached = reachableStates(d);
  return d.states.flatMap((s, i) =>
    reached.has(s.name)
      ? []
      : [problem(`/states/${i}`, `state "${s.name}" cannot be reached from "${d.initialState}"`)],
  );
};

interface Ends {
  graph: Map<string, Set<string>>;
  terminal: Set<string>;
}

function wayOutProblem(d: WorkflowDefinitionDocument, name: string, i: number, ends: Ends): DefinitionProblem[] {
  if (!d.transitions.some((t) => t.from.includes(name))) {
    return [problem(`/states/${i}`, `state "${name}" is not terminal but no transition leaves it`)];
  }
  const canEnd = [...reachableFrom(ends.graph, [name])].some((s) => ends.terminal.has(s));
  return canEnd ? [] : [problem(`/states/${i}`, `no terminal state can be reached from state "${name}"`)];
}

/** Every non-terminal state has a transition leaving it, and some path from it ends in a terminal state. */
export const everyStateHasWayOut: DefinitionCheck = (d) => {
  const ends = { graph: successors(d), terminal: terminalNames(d) };
  return d.states.flatMap((s, i) => (s.terminal === true ? [] : wayOutProblem(d, s.name, i, ends)));
};

function returns(t: TransitionDefinition, i: number, graph: Map<string, Set<string>>): DefinitionProblem[] {
  const after = reachableFrom(graph, targetStates(t));
  return t.from.flatMap((from, j) =>
    after.has(from)
      ? [
          problem(
            `/transitions/${i}/from/${j}`,
            `irreversible transition "${t.name}" leaves "${from}", which can be entered again after it`,
          ),
        ]
      : [],
  );
}

/** No path leads back into a state an irreversible transition left. */
export const irreversibleMeansNoReturn: DefinitionCheck = (d) => {
  const graph = successors(d);
  return d.transitions.flatMap((t, i) => (t.irreversible === true ? returns(t, i, graph) : []));
};

/** Whether a case can take `earlier` and later be in a state `later` leaves. */
function canPrecede(d: WorkflowDefinitionDocument, earlier: TransitionDefinition, later: TransitionDefinition) {
  const graph = successors(d);
  const reached = initialExists(d) ? reachableStates(d) : new Set(d.states.map((s) => s.name));
  if (!earlier.from.some((s) => reached.has(s))) return false;
  const after = reachableFrom(graph, targetStates(earlier));
  return later.from.some((s) => after.has(s));
}

function reference(d: WorkflowDefinitionDocument, later: TransitionDefinition, name: string, pointer: string) {
  const earlier = d.transitions.find((t) => t.name === name);
  if (earlier === undefined) return [problem(pointer, `transition "${name}" does not exist`)];
  if (!canPrecede(d, earlier, later)) {
    return [problem(pointer, `transition "${name}" can never be taken before "${later.name}"`)];
  }
  return [];
}

function references(d: WorkflowDefinitionDocument, t: TransitionDefinition, i: number): DefinitionProblem[] {
  const relations = (t.relations ?? []).flatMap((r, j) =>
    typeof r === 'string' ? [] : reference(d, t, r.approverOf, `/transitions/${i}/relations/${j}/approverOf`),
  );
  const excluded = (t.separationOfDuties?.notActorsOf ?? []).flatMap((name, j) =>
    reference(d, t, name, `/transitions/${i}/separationOfDuties/notActorsOf/${j}`),
  );
  return [...relations, ...excluded];
}

/** approverOf and notActorsOf name existing transitions that can be taken before the one naming them. */
export const earlierTransitionsExist: DefinitionCheck = (d) => d.transitions.flatMap((t, i) => references(d, t, i));
