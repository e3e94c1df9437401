import { problem, type DefinitionCheck, type DefinitionProblem } from './definitionProblem';
import { MAX_QUORUM, type TransitionDefinition } from './definitionSchema';

function duplicates(names: string[], path: string, what: string): DefinitionProblem[] {
  const seen = new Set<string>();
  return names.flatMap((name, index) => {
    if (!seen.has(name)) {
      seen.add(name);
      return [];
    }
    return [problem(`/${path}/${index}/name`, `${what} "${name}" is declared more than once`)];
  });
}

/** The initial state is one of the states. */
export const initialStateExists: DefinitionCheck = (d) =>
  d.states.some((s) => s.name === d.initialState)
    ? []
    : [problem('/initialState', `initial state "${d.initialState}" is not one of the states`)];

/** No two states share a name. */
export const uniqueStateNames: DefinitionCheck = (d) =>
  duplicates(
    d.states.map((s) => s.name),
    'states',
    'state',
  );

/** No two transitions share a name. */
export const uniqueTransitionNames: DefinitionCheck = (d) =>
  duplicates(
    d.transitions.map((t) => t.name),
    'transitions',
    'transition',
  );

function targetShape(t: TransitionDefinition, i: number): DefinitionProblem[] {
  if (t.to !== undefined && t.targets !== undefined) {
    return [problem(`/transitions/${i}/targets`, `transition "${t.name}" gives both to and targets; keep one`)];
  }
  if (t.to === undefined && t.targets === undefined) {
    return [problem(`/transitions/${i}`, `transition "${t.name}" gives neither to nor targets`)];
  }
  const last = (t.targets?.length ?? 0) - 1;
  return (t.targets ?? []).flatMap((target, j) => {
    if (j < last && target.when === undefined) {
      return [problem(`/transitions/${i}/targets/${j}`, 'only the last target may omit when (it is the default)')];
    }
    if (j === last && target.when !== undefined) {
      return [problem(`/transitions/${i}/targets/${j}/when`, 'the last target is the default and takes no when')];
    }
    return [];
  });
}

/** Each transition has exactly one of `to` and `targets`; in targets, only the last (the default) lacks when. */
export const oneWayToTarget: DefinitionCheck = (d) => d.transitions.flatMap(targetShape);

function unknownEnds(t: TransitionDefinition, i: number, names: Set<string>): DefinitionProblem[] {
  const from = t.from.flatMap((state, j) =>
    names.has(state)
      ? []
      : [problem(`/transitions/${i}/from/${j}`, `transition "${t.name}" leaves unknown state "${state}"`)],
  );
  const enters = (pointer: string, state: string) =>
    names.has(state) ? [] : [problem(pointer, `transition "${t.name}" enters unknown state "${state}"`)];
  const to = t.to === undefined ? [] : enters(`/transitions/${i}/to`, t.to);
  const targets = (t.targets ?? []).flatMap((target, j) => enters(`/transitions/${i}/targets/${j}/to`, target.to));
  return [...from, ...to, ...targets];
}

/** Every state a transition leaves or enters exists. */
export const transitionEndsExist: DefinitionCheck = (d) => {
  const names = new Set(d.states.map((s) => s.name));
  return d.transitions.flatMap((t, i) => unknownEnds(t, i, names));
};

/** Each transition says who may take it: roles, relations or both. */
export const someoneMayTake: DefinitionCheck = (d) =>
  d.transitions.flatMap((t, i) =>
    t.roles === undefined && t.relations === undefined
      ? [
          problem(
            `/transitions/${i}`,
            `transition "${t.name}" names neither roles nor relations, so nobody may take it`,
          ),
        ]
      : [],
  );

/** Each role a transition names is a known role. */
export const rolesKnown: DefinitionCheck = (d, { knownRoles }) =>
  d.transitions.flatMap((t, i) =>
    (t.roles ?? []).flatMap((role, j) =>
      knownRoles.includes(role)
        ? []
        : [problem(`/transitions/${i}/roles/${j}`, `role "${role}" is not one of ${knownRoles.join(', ')}`)],
    ),
  );

function quorumProblems(t: TransitionDefinition, i: number): DefinitionProblem[] {
  const quorum = t.quorum ?? 1;
  const pointer = `/transitions/${i}/quorum`;
  if (!Number.isInteger(quorum) || quorum < 1 || quorum > MAX_QUORUM) {
    return [problem(pointer, `quorum must be a whole number from 1 to ${MAX_QUORUM}`)];
  }
  const singlePerson = t.relations !== undefined && t.relations.every((r) => r === 'requester' || r === 'assignee');
  if (quorum > 1 && singlePerson) {
    return [problem(pointer, `a quorum of ${quorum} can never be met: only one person is the requester or assignee`)];
  }
  return [];
}

/** Each quorum is between 1 and MAX_QUORUM and can be met by the principals allowed to take it. */
export const quorumSensible: DefinitionCheck = (d) => d.transitions.flatMap(quorumProblems);
