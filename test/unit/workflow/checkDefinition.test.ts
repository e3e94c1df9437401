import fc from 'fast-check';
import { checkDefinition } from '../../../shared/workflow/checkDefinition';
import type { TransitionDefinition, WorkflowDefinitionDocument } from '../../../shared/workflow/definitionSchema';
import { knownRoles, purchaseRequestDefinition } from './definitions';

function problemsOf(change: (d: WorkflowDefinitionDocument) => void) {
  const definition = purchaseRequestDefinition();
  change(definition);
  return checkDefinition(definition, knownRoles);
}

function pointersOf(change: (d: WorkflowDefinitionDocument) => void): string[] {
  return problemsOf(change).map((p) => p.pointer);
}

/** The example's transitions by name, to alter in place. */
function transition(d: WorkflowDefinitionDocument, name: string): TransitionDefinition {
  return d.transitions.find((t) => t.name === name)!;
}

const approver = ['Signoff.Approver'];

describe('checkDefinition', () => {
  it('finds nothing wrong with the example purchase request', () => {
    expect(checkDefinition(purchaseRequestDefinition(), knownRoles)).toEqual([]);
  });

  it('reports an initial state that is not declared', () => {
    expect(problemsOf((d) => (d.initialState = 'nowhere'))).toEqual([
      { pointer: '/initialState', message: 'initial state "nowhere" is not one of the states' },
    ]);
  });

  it('reports a second state with the same name at the duplicate', () => {
    expect(pointersOf((d) => d.states.push({ name: 'draft' }))).toEqual(['/states/5/name']);
  });

  it('reports a second transition with the same name at the duplicate', () => {
    const again = { name: 'approve', from: ['draft'], to: 'rejected', roles: approver };

    expect(pointersOf((d) => d.transitions.push(again))).toEqual(['/transitions/4/name']);
  });

  it('reports a transition with both to and targets, and one with neither', () => {
    expect(
      pointersOf((d) => {
        transition(d, 'approve').to = 'approved';
        d.transitions.push({ name: 'withdraw', from: ['submitted'], roles: approver });
      }),
    ).toEqual(['/transitions/1/targets', '/transitions/4']);
  });

  it('reports a default target that is not last and a last target with a condition', () => {
    const pointers = pointersOf((d) => {
      transition(d, 'approve').targets = [{ to: 'approved' }, { when: 'data.amount > 1', to: 'finance-review' }];
    });

    expect(pointers).toEqual(['/transitions/1/targets/0', '/transitions/1/targets/1/when']);
  });

  it('reports transitions from and to states that do not exist', () => {
    const pointers = pointersOf((d) => {
      d.transitions.push({ name: 'escalate', from: ['draft', 'limbo'], to: 'heaven', roles: approver });
      d.transitions.push({
        name: 'route',
        from: ['draft'],
        targets: [{ when: 'true', to: 'nowhere' }, { to: 'rejected' }],
        roles: approver,
      });
    });

    expect(pointers).toEqual(['/transitions/4/from/1', '/transitions/4/to', '/transitions/5/targets/0/to']);
  });

  it('reports a transition leaving a terminal state', () => {
    const problems = problemsOf((d) =>
      d.transitions.push({ name: 'reopen', from: ['rejected'], to: 'draft', roles: approver }),
    );

    expect(problems).toContainEqual({
      pointer: '/transitions/4/from/0',
      message: 'transition "reopen" leaves terminal state "rejected"',
    });
  });

  it('reports every state no transition path reaches from the initial state', () => {
    const pointers = pointersOf((d) => {
      d.states.push({ name: 'archived', terminal: true }, { name: 'limbo' });
      d.transitions.push({ name: 'archive', from: ['limbo'], to: 'archived', roles: approver });
    });

    expect(pointers).toEqual(['/states/5', '/states/6']);
  });

  it('reports a non-terminal state no transition leaves', () => {
    expect(problemsOf((d) => (d.states[4]!.terminal = false))).toEqual([
      { pointer: '/states/4', message: 'state "rejected" is not terminal but no transition leaves it' },
    ]);
  });

  it('reports states from which no terminal state can be reached', () => {
    const pointers = pointersOf((d) => {
      d.states.push({ name: 'on-hold' }, { name: 'parked' });
      d.transitions.push(
        { name: 'hold', from: ['submitted'], to: 'on-hold', roles: approver },
        { name: 'park', from: ['on-hold'], to: 'parked', roles: approver },
        { name: 'unpark', from: ['parked'], to: 'on-hold', roles: approver },
      );
    });

    expect(pointers).toEqual(['/states/5', '/states/6']);
  });

  it('reports a path back into a state an irreversible transition left', () => {
    const problems = problemsOf((d) =>
      d.transitions.push({ name: 'rework', from: ['finance-review'], to: 'submitted', roles: approver }),
    );

    expect(problems).toEqual([
      {
        pointer: '/transitions/1/from/0',
        message: 'irreversible transition "approve" leaves "submitted", which can be entered again after it',
      },
    ]);
  });

  it('reports an irreversible transition that loops back to the state it leaves', () => {
    const pointers = pointersOf((d) => {
      d.transitions.push({ name: 'note', from: ['draft'], to: 'draft', roles: approver, irreversible: true });
    });

    expect(pointers).toEqual(['/transitions/4/from/0']);
  });

  it('reports a transition nobody may take', () => {
    expect(pointersOf((d) => delete transition(d, 'reject').roles)).toEqual(['/transitions/3']);
  });

  it('reports roles that are not known', () => {
    const problems = problemsOf((d) => (transition(d, 'reject').roles = ['Signoff.Approver', 'Finance.Clerk']));

    expect(problems).toEqual([
      { pointer: '/transitions/3/roles/1', message: expect.stringContaining('role "Finance.Clerk" is not one of') },
    ]);
  });

  it('reports a quorum below 1, above the maximum, or not whole', () => {
    const pointers = [0, 26, 1.5].map((quorum) =>
      pointersOf((d) => (transition(d, 'finance-approve').quorum = quorum)),
    );

    expect(pointers).toEqual([['/transitions/2/quorum'], ['/transitions/2/quorum'], ['/transitions/2/quorum']]);
  });

  it('reports a quorum only one person could ever meet', () => {
    const problems = problemsOf((d) => (transition(d, 'submit').quorum = 2));

    expect(problems).toEqual([
      { pointer: '/transitions/0/quorum', message: expect.stringContaining('can never be met') },
    ]);
  });

  it('reports approverOf and notActorsOf naming missing transitions or ones that cannot come earlier', () => {
    const pointers = pointersOf((d) => {
      transition(d, 'submit').relations = [{ approverOf: 'approve' }];
      transition(d, 'finance-approve').separationOfDuties = { notActorsOf: ['approve', 'sign'] };
    });

    expect(pointers).toEqual([
      '/transitions/0/relations/0/approverOf',
      '/transitions/2/separationOfDuties/notActorsOf/1',
    ]);
  });

  it('reports conditions that do not parse, are not boolean, or read unknown variables', () => {
    const problems = problemsOf((d) => {
      transition(d, 'submit').condition = 'data.amount >';
      transition(d, 'reject').condition = 'data.amount + 1';
      transition(d, 'approve').targets![0]!.when = 'principal.oid == "x"';
    });

    expect(problems.map((p) => p.pointer)).toEqual([
      '/transitions/0/condition',
      '/transitions/1/targets/0/when',
      '/transitions/3/condition',
    ]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringContaining('does not parse'),
      expect.stringContaining('Unknown variable: principal'),
      expect.stringContaining('not a boolean'),
    ]);
  });

  it('reports conditions reading data fields the dataSchema does not declare, or unknown case fields', () => {
    const problems = problemsOf((d) => (transition(d, 'submit').condition = 'data.amout > 0 && case.title != ""'));

    expect(problems).toEqual([
      {
        pointer: '/transitions/0/condition',
        message: 'condition reads case.title; case has only state, requester, assignee',
      },
      {
        pointer: '/transitions/0/condition',
        message: 'condition reads data.amout, which dataSchema.properties does not declare',
      },
    ]);
  });

  it('reports conditions whose cost would not be bounded', () => {
    const messages = problemsOf((d) => {
      d.dataSchema = { type: 'object', properties: { amount: {}, items: { type: 'array' }, note: { type: 'string' } } };
      transition(d, 'submit').condition = 'data.note.matches("(a+)+$")';
      transition(d, 'approve').targets![0]!.when = 'data.items.all(a, a.tags.exists(b, b == "x"))';
      transition(d, 'reject').condition = 'data.items.exists(a, a == data.note) && cel.bind(x, data.note, x == "")';
    }).map((p) => p.message);

    expect(messages).toEqual([
      'condition method "matches" is not available in conditions',
      'condition "exists" may not be used inside another comprehension',
      'condition a comprehension body may read only its own variable "a", not "data"',
      'condition method "bind" is not available in conditions',
    ]);
  });

  it('reports schemas that do not compile, and a dataSchema that is not for an object', () => {
    const pointers = pointersOf((d) => {
      d.dataSchema = { type: 'array', requried: ['amount'], properties: { amount: { type: 'number' } } };
      transition(d, 'reject').inputSchema = { type: 'object', properties: { reason: { type: 'text' } } };
    });

    expect(pointers).toEqual(['/dataSchema', '/dataSchema/type', '/transitions/3/inputSchema']);
  });

  it('reports every problem of a broken definition at once', () => {
    const definition: WorkflowDefinitionDocument = {
      key: 'broken',
      title: 'Broken',
      initialState: 'start',
      states: [{ name: 'open' }, { name: 'open' }, { name: 'done', terminal: true }],
      transitions: [
        { name: 'finish', from: ['open'], to: 'gone', roles: approver },
        { name: 'finish', from: ['done'], to: 'open', roles: ['x'] },
      ],
    };

    expect(checkDefinition(definition, knownRoles).map((p) => p.pointer)).toEqual([
      '/initialState',
      '/states/1/name',
      '/transitions/1/name',
      '/transitions/0/to',
      '/transitions/1/from/0',
      '/states/0',
      '/states/1',
      '/transitions/1/roles/0',
    ]);
  });

  it('accepts any chain of states where each one leads to the next and only the last is terminal', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 12 }), (names) => {
        const definition: WorkflowDefinitionDocument = {
          key: 'chain',
          title: 'Chain',
          initialState: names[0]!,
          states: names.map((name, i) => ({ name, terminal: i === names.length - 1 })),
          transitions: names.slice(1).map((to, i) => ({ name: `t${i}`, from: [names[i]!], to, roles: approver })),
        };
        expect(checkDefinition(definition, knownRoles)).toEqual([]);
      }),
    );
  });

  it('reports exactly the states left out when a chain is cut', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.nat(), (length, cutAt) => {
        const names = Array.from({ length }, (_, i) => `s${i}`);
        const cut = 1 + (cutAt % (length - 1));
        const definition: WorkflowDefinitionDocument = {
          key: 'cut',
          title: 'Cut',
          initialState: 's0',
          states: names.map((name, i) => ({ name, terminal: i === length - 1 })),
          transitions: names.slice(1).map((to, i) => ({ name: `t${i}`, from: [names[i]!], to, roles: approver })),
        };
        definition.transitions.splice(cut - 1, 1);

        const unreachable = names.slice(cut).map((_, i) => `/states/${cut + i}`);
        const stuck = names.slice(0, cut).map((_, i) => `/states/${i}`);
        expect(checkDefinition(definition, knownRoles).map((p) => p.pointer)).toEqual([...unreachable, ...stuck]);
      }),
    );
  });
});
