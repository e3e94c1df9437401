import fc from 'fast-check';
import { checkDefinition } from '../../../shared/workflow/checkDefinition';
import type { WorkflowDefinitionDocument } from '../../../shared/workflow/definitionSchema';
import { purchaseRequestDefinition } from './definitions';

function pointers(definition: WorkflowDefinitionDocument): string[] {
  return checkDefinition(definition).map((p) => p.pointer);
}

describe('checkDefinition', () => {
  it('finds nothing wrong with the example purchase request', () => {
    expect(checkDefinition(purchaseRequestDefinition())).toEqual([]);
  });

  it('reports an initial state that is not declared', () => {
    const definition = { ...purchaseRequestDefinition(), initialState: 'nowhere' };

    expect(checkDefinition(definition)).toEqual([
      { pointer: '/initialState', message: 'initial state "nowhere" is not one of the states' },
    ]);
  });

  it('reports a second state with the same name at the duplicate', () => {
    const definition = purchaseRequestDefinition();
    definition.states.push({ name: 'draft' });

    expect(pointers(definition)).toEqual(['/states/4/name']);
  });

  it('reports a second transition with the same name at the duplicate', () => {
    const definition = purchaseRequestDefinition();
    definition.transitions.push({ name: 'approve', from: ['draft'], to: 'approved', roles: ['Signoff.Approver'] });

    expect(pointers(definition)).toEqual(['/transitions/3/name']);
  });

  it('reports transitions from and to states that do not exist', () => {
    const definition = purchaseRequestDefinition();
    definition.transitions.push({ name: 'escalate', from: ['draft', 'limbo'], to: 'heaven', roles: ['x'] });

    expect(pointers(definition)).toEqual(['/transitions/3/from/1', '/transitions/3/to']);
  });

  it('reports a transition leaving a terminal state', () => {
    const definition = purchaseRequestDefinition();
    definition.transitions.push({ name: 'reopen', from: ['rejected'], to: 'draft', roles: ['Signoff.Requester'] });

    expect(checkDefinition(definition)).toEqual([
      { pointer: '/transitions/3/from/0', message: 'transition "reopen" leaves terminal state "rejected"' },
    ]);
  });

  it('reports every state no transition path reaches from the initial state', () => {
    const definition = purchaseRequestDefinition();
    definition.states.push({ name: 'archived', terminal: true }, { name: 'limbo' });
    definition.transitions.push({ name: 'archive', from: ['limbo'], to: 'archived', roles: ['x'] });

    expect(pointers(definition)).toEqual(['/states/4', '/states/5']);
  });

  it('reports every problem of a broken definition at once', () => {
    const definition: WorkflowDefinitionDocument = {
      key: 'broken',
      title: 'Broken',
      initialState: 'start',
      states: [{ name: 'open' }, { name: 'open' }, { name: 'done', terminal: true }],
      transitions: [
        { name: 'finish', from: ['open'], to: 'gone', roles: ['x'] },
        { name: 'finish', from: ['done'], to: 'open', roles: ['x'] },
      ],
    };

    expect(pointers(definition)).toEqual([
      '/initialState',
      '/states/1/name',
      '/transitions/1/name',
      '/transitions/0/to',
      '/transitions/1/from/0',
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
          transitions: names.slice(1).map((to, i) => ({ name: `t${i}`, from: [names[i]!], to, roles: ['r'] })),
        };
        expect(checkDefinition(definition)).toEqual([]);
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
          states: names.map((name) => ({ name })),
          transitions: names.slice(1).map((to, i) => ({ name: `t${i}`, from: [names[i]!], to, roles: ['r'] })),
        };
        definition.transitions.splice(cut - 1, 1);

        expect(pointers(definition)).toEqual(names.slice(cut).map((_, i) => `/states/${cut + i}`));
      }),
    );
  });
});
