import fc from 'fast-check';
import type { DecisionPrincipal } from '../../../shared/workflow/caseSnapshot';
import { checkDefinition } from '../../../shared/workflow/checkDefinition';
import type {
  RelationDefinition,
  TransitionDefinition,
  WorkflowDefinitionDocument,
} from '../../../shared/workflow/definitionSchema';

/** The roles generated definitions and principals use. */
export const ROLES = ['Signoff.Requester', 'Signoff.Approver', 'Signoff.Admin'];

/** The object ids of generated principals; the first one is every generated case's requester. */
export const OIDS = ['p0', 'p1', 'p2', 'p3'];

const known = { knownRoles: ROLES };

/** The shape of a generated workflow before its transitions get their rules. */
interface Skeleton {
  open: number;
  closed: number;
  /** [from, to] pairs as state indexes. */
  edges: [number, number][];
}

const name = (i: number) => `s${i}`;

function skeleton(): fc.Arbitrary<Skeleton> {
  return fc
    .record({ open: fc.integer({ min: 1, max: 5 }), closed: fc.integer({ min: 1, max: 3 }) })
    .chain(({ open, closed }) => {
      const total = open + closed;
      // Each state after the first is entered from an earlier open state; each open state leads to a later one.
      const parents = Array.from({ length: total - 1 }, (_, i) => fc.nat({ max: Math.min(i, open - 1) }));
      const exits = Array.from({ length: open }, (_, i) => fc.integer({ min: i + 1, max: total - 1 }));
      const extra = fc.array(fc.tuple(fc.nat({ max: open - 1 }), fc.nat({ max: total - 1 })), { maxLength: 8 });
      return fc.tuple(fc.tuple(...parents), fc.tuple(...exits), extra).map(([ps, xs, more]) => {
        const edges: [number, number][] = [
          ...ps.map((p, i): [number, number] => [p, i + 1]),
          ...xs.map((x, i): [number, number] => [i, x]),
          ...more,
        ];
        return { open, closed, edges };
      });
    });
}

const relation: fc.Arbitrary<RelationDefinition[] | undefined> = fc.constantFrom(
  undefined,
  ['requester'] as RelationDefinition[],
  ['assignee'] as RelationDefinition[],
  ['requester', 'assignee'] as RelationDefinition[],
);

const rules = fc.record({
  roles: fc.subarray(ROLES, { minLength: 1 }),
  relations: relation,
  notRequester: fc.boolean(),
  quorum: fc.integer({ min: 1, max: 3 }),
  condition: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  route: fc.option(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.nat()), { nil: undefined }),
  stepUp: fc.boolean(),
  needsReason: fc.boolean(),
  irreversible: fc.boolean(),
});

type Rules = typeof rules extends fc.Arbitrary<infer R> ? R : never;

function transition(index: number, [from, to]: [number, number], r: Rules, total: number): TransitionDefinition {
  const t: TransitionDefinition = { name: `t${index}`, from: [name(from)], roles: r.roles };
  if (r.route === undefined) t.to = name(to);
  else t.targets = [{ when: `data.x > ${r.route[0]}`, to: name(r.route[1] % total) }, { to: name(to) }];
  if (r.relations !== undefined) t.relations = r.relations;
  if (r.notRequester) t.separationOfDuties = { notRequester: true };
  if (r.relations === undefined && r.quorum > 1) t.quorum = r.quorum;
  if (r.condition !== undefined) t.condition = `data.x <= ${r.condition} || data.flag`;
  if (r.stepUp) t.requiresStepUp = true;
  if (r.needsReason) t.inputSchema = { type: 'object', required: ['reason'] };
  if (r.irreversible) t.irreversible = true;
  return t;
}

function document(s: Skeleton, transitions: TransitionDefinition[]): WorkflowDefinitionDocument {
  const total = s.open + s.closed;
  return {
    key: 'generated',
    title: 'Generated',
    initialState: name(0),
    dataSchema: { type: 'object', properties: { x: { type: 'number' }, flag: { type: 'boolean' } } },
    states: Array.from({ length: total }, (_, i) => ({ name: name(i), terminal: i >= s.open })),
    transitions,
  };
}

/** Keeps `irreversible` only where the definition allows it: no path leads back into the state left. */
function withPossibleIrreversibility(d: WorkflowDefinitionDocument): WorkflowDefinitionDocument {
  const refused = new Set(
    checkDefinition(d, known).flatMap((p) => /^\/transitions\/(\d+)\/from/.exec(p.pointer)?.[1] ?? []),
  );
  const transitions = d.transitions.map((t, i) => {
    if (!refused.has(String(i))) return t;
    const reversible = { ...t };
    delete reversible.irreversible;
    return reversible;
  });
  return { ...d, transitions };
}

/**
 * Random definitions that pass every publish-time check: states reachable and able to end, conditional
 * targets (the routed target may lead anywhere, even back), roles, relations, separation of duties,
 * quorums, conditions on data.x and data.flag, step-up, required reasons and irreversible moves.
 */
export function validDefinition(): fc.Arbitrary<WorkflowDefinitionDocument> {
  return skeleton()
    .chain((s) => {
      const total = s.open + s.closed;
      return fc.tuple(...s.edges.map(() => rules)).map((rs) =>
        document(
          s,
          s.edges.map((edge, i) => transition(i, edge, rs[i]!, total)),
        ),
      );
    })
    .map(withPossibleIrreversibility)
    .filter((d) => checkDefinition(d, known).length === 0);
}

/** One attempt in a random sequence: who asks for what, with which body, on which data. */
export interface Call {
  transition: string;
  principal: DecisionPrincipal;
  input: Record<string, unknown>;
  data: { x: number; flag: boolean };
}

// Biased towards principals who may do a lot, so that random runs get far into their workflows.
const principal: fc.Arbitrary<DecisionPrincipal> = fc
  .record({
    oid: fc.constantFrom(...OIDS),
    roles: fc.oneof({ arbitrary: fc.constant(ROLES), weight: 3 }, { arbitrary: fc.subarray(ROLES), weight: 1 }),
    steppedUp: fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, { arbitrary: fc.constant(false), weight: 1 }),
  })
  .map(({ oid, roles, steppedUp }) => ({ oid, kind: 'user', holdsRole: (role) => roles.includes(role), steppedUp }));

/** Random calls against `definition`: its transitions, plus a name it does not have. */
export function calls(definition: WorkflowDefinitionDocument): fc.Arbitrary<Call[]> {
  const names = [...definition.transitions.map((t) => t.name), 'no-such-transition'];
  const call = fc.record({
    transition: fc.constantFrom(...names),
    principal,
    input: fc.oneof(
      { arbitrary: fc.constant({ reason: 'because' }), weight: 3 },
      { arbitrary: fc.constant({}), weight: 1 },
    ),
    data: fc.record({ x: fc.integer({ min: -10, max: 110 }), flag: fc.boolean() }),
  });
  return fc.array(call, { minLength: 1, maxLength: 60 });
}
