import type { WorkflowDefinitionDocument } from './definitionSchema';

/** The states a case can reach from `initialState` by any sequence of transitions, initial included. */
export function reachableStates(definition: WorkflowDefinitionDocument): Set<string> {
  const reached = new Set<string>([definition.initialState]);
  const frontier = [definition.initialState];
  for (let state = frontier.pop(); state !== undefined; state = frontier.pop()) {
    for (const transition of definition.transitions) {
      if (transition.from.includes(state) && !reached.has(transition.to)) {
        reached.add(transition.to);
        frontier.push(transition.to);
      }
    }
  }
  return reached;
}
