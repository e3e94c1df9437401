import type { DefinitionProblem } from './definitionProblem';
import type { WorkflowDefinitionDocument } from './definitionSchema';
import { reachableStates } from './reachability';

type Check = (definition: WorkflowDefinitionDocument) => DefinitionProblem[];

function duplicates(names: string[], path: string, what: string): DefinitionProblem[] {
  const seen = new Set<string>();
  return names.flatMap((name, index) => {
    if (!seen.has(name)) {
      seen.add(name);
      return [];
    }
    return [{ pointer: `/${path}/${index}/name`, message: `${what} "${name}" is declared more than once` }];
  });
}

const uniqueStateNames: Check = (d) =>
  duplicates(
    d.states.map((s) => s.name),
    'states',
    'state',
  );

const uniqueTransitionNames: Check = (d) =>
  duplicates(
    d.transitions.map((t) => t.name),
    'transitions',
    'transition',
  );

const initialStateExists: Check = (d) =>
  d.states.some((s) => s.name === d.initialState)
    ? []
    : [{ pointer: '/initialState', message: `initial state "${d.initialState}" is not one of the states` }];

const transitionEndsExist: Check = (d) => {
  const names = new Set(d.states.map((s) => s.name));
  return d.transitions.flatMap((t, i) => [
    ...t.from.flatMap((from, j) =>
      names.has(from)
        ? []
        : [
            {
              pointer: `/transitions/${i}/from/${j}`,
              message: `transition "${t.name}" leaves unknown state "${from}"`,
            },
          ],
    ),
    ...(names.has(t.to)
      ? []
      : [{ pointer: `/transitions/${i}/to`, message: `transition "${t.name}" enters unknown state "${t.to}"` }]),
  ]);
};

const terminalStatesAreFinal: Check = (d) => {
  const terminal = new Set(d.states.filter((s) => s.terminal === true).map((s) => s.name));
  return d.transitions.flatMap((t, i) =>
    t.from.flatMap((from, j) =>
      terminal.has(from)
        ? [
            {
              pointer: `/transitions/${i}/from/${j}`,
              message: `transition "${t.name}" leaves terminal state "${from}"`,
            },
          ]
        : [],
    ),
  );
};

const everyStateReachable: Check = (d) => {
  if (!d.states.some((s) => s.name === d.initialState)) return [];
  const reached = reachableStates(d);
  return d.states.flatMap((s, i) =>
    reached.has(s.name)
      ? []
      : [{ pointer: `/states/${i}`, message: `state "${s.name}" cannot be reached from "${d.initialState}"` }],
  );
};

const checks: Check[] = [
  initialStateExists,
  uniqueStateNames,
  uniqueTransitionNames,
  transitionEndsExist,
  terminalStatesAreFinal,
  everyStateReachable,
];

/**
 * Every problem that stops a schema-valid definition document from being published, all at once and in
 * document order per check: the initial state exists, state and transition names are unique, every
 * transition's states exist, terminal states have no outgoing transitions, every state is reachable
 * from the initial state. An empty list means the document may be published. Pure; never throws.
 */
export function checkDefinition(definition: WorkflowDefinitionDocument): DefinitionProblem[] {
  return checks.flatMap((check) => check(definition));
}
