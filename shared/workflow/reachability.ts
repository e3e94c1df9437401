import { targetStates } from './compileDefinition';
import type { WorkflowDefinitionDocument } from './definitionSchema';

/** For each state, the states one transition can take a case to (every target of a conditional one). */
export function successors(definition: WorkflowDefinitionDocument): Map<string, Set<string>> {
  const next = new Map<string, Set<string>>();
  for (const transition of definition.transitions) {
    for (const from of transition.from) {
      const set = next.get(from) ?? new Set<string>();
      for (const to of targetStates(transition)) set.add(to);
      next.set(from, set);
    }
  }
  return next;
}

/** The states reachable from any of `starts` by zero or more transitions, the starts included. */
export function reachableFrom(graph: ReadonlyMap<string, ReadonlySet<string>>, starts: Iterable<string>): Set<string> {
  const reached = new Set<string>(starts);
  const frontier = [...reached];
  for (let state = frontier.pop(); state !== undefined; state = frontier.pop()) {
    for (const next of graph.get(state) ?? []) {
      if (!reached.has(next)) {
        reached.add(next);
        frontier.push(next);
      }
    }
  }
  return reached;
}

/** The states a case can reach from `initialState` by any sequence of transitions, initial included. */
export function reachableStates(definition: WorkflowDefinitionDocument): Set<string> {
  return reachableFrom(successors(definition), [definition.initialState]);
}
