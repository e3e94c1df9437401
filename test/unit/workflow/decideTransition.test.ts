import fc from 'fast-check';
import type { CaseSnapshot, DecisionPrincipal } from '../../../shared/workflow/caseSnapshot';
import { compileDefinition } from '../../../shared/workflow/compileDefinition';
import { decideTransition, transitionsFrom } from '../../../shared/workflow/decideTransition';
import type { WorkflowDefinitionDocument } from '../../../shared/workflow/definitionSchema';
import {
  compiledPurchaseRequest,
  principal,
  purchase,
  purchaseRequestDefinition,
  step,
  withApprovals,
} from './definitions';

const definition = compiledPurchaseRequest();
const rita = principal('rita', 'Signoff.Requester');
const arno = principal('arno', 'Signoff.Approver');
const fred = { ...principal('fred', 'Signoff.Approver'), steppedUp: true };
const fiona = { ...principal('fiona', 'Signoff.Approver'), steppedUp: true };

function decide(snapshot: CaseSnapshot, transition: string, who: DecisionPrincipal, input = {}) {
  return decideTransition({ definition, case: snapshot, transition, principal: who, input });
}

function compiledWith(change: (d: WorkflowDefinitionDocument) => void) {
  const document = purchaseRequestDefinition();
  change(document);
  return compileDefinition(document);
}

const submitted = (amount = 1450) => purchase('submitted', amount, [step('submit', 'rita')]);
const inFinance = () => purchase('finance-review', 25_000, [step('submit', 'rita'), step('approve', 'arno')]);

describe('decideTransition', () => {
  it('lets the requester submit their draft', () => {
    expect(decide(purchase('draft'), 'submit', rita)).toMatchObject({
      outcome: 'apply',
      from: 'draft',
      to: 'submitted',
      irreversible: false,
      approvers: ['rita'],
    });
  });

  it('does not know a transition the definition lacks, as not_found', () => {
    expect(decide(purchase('draft'), 'teleport', arno)).toMatchObject({
      outcome: 'refuse',
      reason: 'unknown_transition',
      problem: 'not_found',
    });
  });

  it('refuses a principal without a listed role before looking at the state', () => {
    for (const state of ['draft', 'submitted', 'approved']) {
      expect(decide(purchase(state), 'approve', rita)).toMatchObject({
        reason: 'role',
        problem: 'forbidden',
        detail: expect.stringContaining('Signoff.Approver'),
      });
    }
  });

  it('refuses a transition that does not leave the current state as transition_not_allowed', () => {
    expect(decide(purchase('draft'), 'approve', arno)).toMatchObject({
      reason: 'not_from_this_state',
      problem: 'transition_not_allowed',
    });
  });

  it('refuses another requester submitting a case that is not theirs, by relation', () => {
    const rosa = principal('rosa', 'Signoff.Requester');

    expect(decide(purchase('draft'), 'submit', rosa)).toMatchObject({ reason: 'relation', problem: 'forbidden' });
  });

  it('refuses the requester approving their own case even when they hold the approver role', () => {
    const ritaApproves = principal('rita', 'Signoff.Requester', 'Signoff.Approver');

    expect(decide(submitted(), 'approve', ritaApproves)).toMatchObject({
      reason: 'separation_of_duties',
      problem: 'forbidden',
    });
  });

  it('routes an amount up to 10,000 straight to approved and marks the move irreversible', () => {
    expect(decide(submitted(10_000), 'approve', arno)).toMatchObject({
      outcome: 'apply',
      to: 'approved',
      irreversible: true,
    });
  });

  it('routes an amount above 10,000 to finance review', () => {
    expect(decide(submitted(10_000.01), 'approve', arno)).toMatchObject({ outcome: 'apply', to: 'finance-review' });
  });

  it('refuses to route when the routing condition cannot be decided, rather than taking the default', () => {
    const noAmount: CaseSnapshot = { ...submitted(), data: {} };

    expect(decide(noAmount, 'approve', arno)).toMatchObject({ reason: 'condition', problem: 'forbidden' });
  });

  it('refuses the approver of the first level approving for finance too', () => {
    const arnoSteppedUp = { ...arno, steppedUp: true };

    expect(decide(inFinance(), 'finance-approve', arnoSteppedUp)).toMatchObject({
      reason: 'separation_of_duties',
      detail: expect.stringContaining('"approve"'),
    });
  });

  it('asks for step-up before recording a finance approval', () => {
    expect(decide(inFinance(), 'finance-approve', { ...fred, steppedUp: false })).toMatchObject({
      outcome: 'step-up-required',
      transition: { name: 'finance-approve' },
    });
  });

  it('records the first of two finance approvals without moving the case', () => {
    expect(decide(inFinance(), 'finance-approve', fred)).toMatchObject({
      outcome: 'record-approval',
      approvals: 1,
      needed: 2,
    });
  });

  it('refuses the same approver approving twice towards one quorum', () => {
    expect(decide(withApprovals(inFinance(), 'finance-approve', 'fred'), 'finance-approve', fred)).toMatchObject({
      reason: 'duplicate_approval',
      problem: 'forbidden',
    });
  });

  it('applies the move with the second distinct approval and names both approvers', () => {
    expect(decide(withApprovals(inFinance(), 'finance-approve', 'fred'), 'finance-approve', fiona)).toMatchObject({
      outcome: 'apply',
      to: 'approved',
      approvers: ['fred', 'fiona'],
    });
  });

  it('moves the case once two of three eligible approvers approved, refusing the first one twice', () => {
    const gina = { ...principal('gina', 'Signoff.Approver'), steppedUp: true };
    const afterFred = withApprovals(inFinance(), 'finance-approve', 'fred');

    expect(decide(inFinance(), 'finance-approve', fred)).toMatchObject({ outcome: 'record-approval', approvals: 1 });
    expect(decide(afterFred, 'finance-approve', fred)).toMatchObject({ reason: 'duplicate_approval' });
    expect(decide(afterFred, 'finance-approve', gina)).toMatchObject({ outcome: 'apply', approvers: ['fred', 'gina'] });
    expect(decide(afterFred, 'finance-approve', fiona)).toMatchObject({
      outcome: 'apply',
      approvers: ['fred', 'fiona'],
    });
  });

  it('needs two more approvals out of three approvers, then a third distinct one applies', () => {
    const three = compiledWith((d) => (d.transitions[2]!.quorum = 3));
    const after = (...approvers: string[]) => withApprovals(inFinance(), 'finance-approve', ...approvers);
    const gina = { ...principal('gina', 'Signoff.Approver'), steppedUp: true };
    const attempt = (s: CaseSnapshot, who: DecisionPrincipal) =>
      decideTransition({ definition: three, case: s, transition: 'finance-approve', principal: who, input: {} });

    expect(attempt(after('fred'), fiona)).toMatchObject({ outcome: 'record-approval', approvals: 2, needed: 3 });
    expect(attempt(after('fred', 'fiona'), fiona)).toMatchObject({ reason: 'duplicate_approval' });
    expect(attempt(after('fred', 'fiona'), gina)).toMatchObject({
      outcome: 'apply',
      approvers: ['fred', 'fiona', 'gina'],
    });
  });

  it('counts only approvals recorded since the case last moved', () => {
    const looping = compiledWith((d) => {
      d.transitions.push({
        name: 'send-back',
        from: ['finance-review'],
        to: 'finance-review',
        roles: ['Signoff.Admin'],
      });
    });
    const snapshot = withApprovals(inFinance(), 'finance-approve', 'fred');
    const history = [...snapshot.history, step('send-back', 'ada')];

    const decision = decideTransition({
      definition: looping,
      case: { ...snapshot, history },
      transition: 'finance-approve',
      principal: fiona,
      input: {},
    });

    expect(decision).toMatchObject({ outcome: 'record-approval', approvals: 1 });
  });

  it('counts an approval towards its own transition only', () => {
    const snapshot = withApprovals(inFinance(), 'reject', 'fred');

    expect(decide(snapshot, 'finance-approve', fred)).toMatchObject({ outcome: 'record-approval', approvals: 1 });
  });

  it('refuses a rejection without a reason, pointing at the missing field', () => {
    expect(decide(submitted(), 'reject', arno, { comment: 'no' })).toMatchObject({
      reason: 'input_invalid',
      problem: 'validation_failed',
      errors: [{ pointer: '/body/reason', message: expect.any(String) }],
    });
  });

  it('refuses body members a transition without an inputSchema does not take', () => {
    expect(decide(purchase('draft'), 'submit', rita, { reason: 'ok', costCentre: 'X', 'a/b': 1 })).toMatchObject({
      reason: 'input_invalid',
      errors: [
        { pointer: '/body/costCentre', message: 'is not an input of this transition' },
        { pointer: '/body/a~1b', message: 'is not an input of this transition' },
      ],
    });
  });

  it('takes body members the inputSchema allows', () => {
    expect(decide(submitted(), 'reject', arno, { reason: 'Over budget', costCentre: 'X' })).toMatchObject({
      outcome: 'apply',
    });
  });

  it('rejects with a reason', () => {
    expect(decide(submitted(), 'reject', arno, { reason: 'Over budget' })).toMatchObject({
      outcome: 'apply',
      to: 'rejected',
    });
  });

  it('refuses a transition whose condition does not hold on the case data', () => {
    const guarded = compiledWith((d) => (d.transitions[0]!.condition = 'data.amount > 0 && data.currency == "EUR"'));
    const usd: CaseSnapshot = { ...purchase('draft'), data: { amount: 10, currency: 'USD' } };

    const decision = decideTransition({
      definition: guarded,
      case: usd,
      transition: 'submit',
      principal: rita,
      input: {},
    });

    expect(decision).toMatchObject({
      reason: 'condition',
      problem: 'forbidden',
      detail: expect.stringContaining('does not hold'),
    });
  });

  it('lets the assignee, and only the assignee, take a transition limited to the assignee', () => {
    const assigned = compiledWith((d) => (d.transitions[1]!.relations = ['assignee']));
    const snapshot = { ...submitted(), assignee: 'anna' };
    const attempt = (who: DecisionPrincipal) =>
      decideTransition({ definition: assigned, case: snapshot, transition: 'approve', principal: who, input: {} });

    expect(attempt(principal('anna', 'Signoff.Approver'))).toMatchObject({ outcome: 'apply' });
    expect(attempt(arno)).toMatchObject({ reason: 'relation' });
  });

  it('lets only whoever took an earlier transition take one limited to approverOf it', () => {
    const confirming = compiledWith((d) => {
      d.transitions[2] = {
        ...d.transitions[2]!,
        relations: [{ approverOf: 'approve' }],
        separationOfDuties: undefined,
      };
    });
    const attempt = (who: DecisionPrincipal) =>
      decideTransition({
        definition: confirming,
        case: inFinance(),
        transition: 'finance-approve',
        principal: who,
        input: {},
      });

    expect(attempt({ ...arno, steppedUp: true })).toMatchObject({ outcome: 'record-approval' });
    expect(attempt(fred)).toMatchObject({ reason: 'relation' });
  });

  it('applies exactly when the principal holds a listed role and the transition leaves the state', () => {
    const document = purchaseRequestDefinition();
    const names = document.transitions.map((t) => t.name);
    const states = document.states.map((s) => s.name);
    const roles = ['Signoff.Reader', 'Signoff.Requester', 'Signoff.Approver', 'Other'];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.constantFrom(...states), fc.subarray(roles), (name, state, held) => {
        const transition = document.transitions.find((t) => t.name === name)!;
        const who = { ...principal('rita', ...held), steppedUp: true };
        const decision = decide(purchase(state), name, who, { reason: 'x' });

        const permitted = (transition.roles ?? []).some((r) => held.includes(r));
        expect(decision.outcome === 'refuse' && decision.reason === 'role').toBe(!permitted);
        if (permitted && !transition.from.includes(state))
          expect(decision).toMatchObject({ reason: 'not_from_this_state' });
      }),
    );
  });
});

describe('transitionsFrom', () => {
  it('lists the transitions leaving a state in definition order', () => {
    expect(transitionsFrom(definition.document, 'submitted').map((t) => t.name)).toEqual(['approve', 'reject']);
  });

  it('lists none for a terminal state', () => {
    expect(transitionsFrom(definition.document, 'approved')).toEqual([]);
  });
});
