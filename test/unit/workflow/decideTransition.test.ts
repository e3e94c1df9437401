import fc from 'fast-check';
import { decideTransition, transitionsFrom } from '../../../shared/workflow/decideTransition';
import { purchaseRequestDefinition } from './definitions';

const definition = purchaseRequestDefinition();
const holding =
  (...roles: string[]) =>
  (role: string) =>
    roles.includes(role);

describe('decideTransition', () => {
  it('allows a requester to submit a draft', () => {
    const decision = decideTransition({
      definition,
      state: 'draft',
      transition: 'submit',
      holdsRole: holding('Signoff.Requester'),
    });

    expect(decision).toMatchObject({ outcome: 'allowed', transition: { name: 'submit', to: 'submitted' } });
  });

  it('forbids a requester to approve, whatever the state', () => {
    for (const state of ['draft', 'submitted', 'approved']) {
      const decision = decideTransition({
        definition,
        state,
        transition: 'approve',
        holdsRole: holding('Signoff.Requester'),
      });

      expect(decision.outcome).toBe('forbidden');
    }
  });

  it('refuses an approver approving a case that is not submitted', () => {
    const decision = decideTransition({
      definition,
      state: 'draft',
      transition: 'approve',
      holdsRole: holding('Signoff.Approver'),
    });

    expect(decision.outcome).toBe('not-from-this-state');
  });

  it('does not know a transition the definition lacks', () => {
    const decision = decideTransition({ definition, state: 'draft', transition: 'teleport', holdsRole: () => true });

    expect(decision).toEqual({ outcome: 'unknown-transition' });
  });

  it('lets any one of several listed roles take the transition', () => {
    const shared = purchaseRequestDefinition();
    shared.transitions[0]!.roles = ['Finance.Clerk', 'Signoff.Requester'];

    const decision = decideTransition({
      definition: shared,
      state: 'draft',
      transition: 'submit',
      holdsRole: holding('Finance.Clerk'),
    });

    expect(decision.outcome).toBe('allowed');
  });

  it('allows exactly when the principal holds a listed role and the transition leaves the state', () => {
    const names = definition.transitions.map((t) => t.name);
    const states = definition.states.map((s) => s.name);
    const roles = ['Signoff.Reader', 'Signoff.Requester', 'Signoff.Approver', 'Other'];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.constantFrom(...states), fc.subarray(roles), (name, state, held) => {
        const transition = definition.transitions.find((t) => t.name === name)!;
        const decision = decideTransition({ definition, state, transition: name, holdsRole: holding(...held) });

        const permitted = transition.roles.some((r) => held.includes(r));
        const leaves = transition.from.includes(state);
        expect(decision.outcome === 'allowed').toBe(permitted && leaves);
        expect(decision.outcome === 'forbidden').toBe(!permitted);
      }),
    );
  });
});

describe('transitionsFrom', () => {
  it('lists the transitions leaving a state in definition order', () => {
    expect(transitionsFrom(definition, 'submitted').map((t) => t.name)).toEqual(['approve', 'reject']);
  });

  it('lists none for a terminal state', () => {
    expect(transitionsFrom(definition, 'approved')).toEqual([]);
  });
});
