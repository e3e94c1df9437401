import type { CaseSnapshot, DecisionPrincipal } from '../../../shared/workflow/caseSnapshot';
import { compileDefinition } from '../../../shared/workflow/compileDefinition';
import type { TransitionDefinition } from '../../../shared/workflow/definitionSchema';
import {
  conditionGuard,
  duplicateApprovalGuard,
  relationGuard,
  roleGuard,
  separationGuard,
  stateGuard,
  type Guard,
} from '../../../shared/workflow/guards';
import { principal, purchase, purchaseRequestDefinition, step, withApprovals } from './definitions';

function transitionWith(rules: Partial<TransitionDefinition>) {
  const document = purchaseRequestDefinition();
  document.dataSchema = { type: 'object', properties: { amount: { type: 'number' } } };
  document.transitions.push({
    name: 'probe',
    from: ['submitted'],
    to: 'approved',
    roles: ['Signoff.Approver'],
    ...rules,
  });
  return compileDefinition(document).transitions.get('probe')!;
}

function verdict(guard: Guard, rules: Partial<TransitionDefinition>, snapshot: CaseSnapshot, who: DecisionPrincipal) {
  return guard({ transition: transitionWith(rules), snapshot, principal: who })?.reason ?? 'passes';
}

const submitted = purchase('submitted', 1450, [step('submit', 'rita')]);
const arno = principal('arno', 'Signoff.Approver');

describe('roleGuard', () => {
  it('passes a principal holding any listed role and refuses one holding none', () => {
    const roles = ['Signoff.Admin', 'Signoff.Approver'];

    expect(verdict(roleGuard, { roles }, submitted, arno)).toBe('passes');
    expect(verdict(roleGuard, { roles }, submitted, principal('rex', 'Signoff.Reader'))).toBe('role');
  });

  it('passes everyone when the transition lists relations only', () => {
    const rules = { roles: undefined, relations: ['requester' as const] };

    expect(verdict(roleGuard, rules, submitted, principal('rex'))).toBe('passes');
  });
});

describe('stateGuard', () => {
  it('passes in a state the transition leaves and refuses elsewhere', () => {
    expect(verdict(stateGuard, {}, submitted, arno)).toBe('passes');
    expect(verdict(stateGuard, {}, purchase('draft'), arno)).toBe('not_from_this_state');
  });
});

describe('relationGuard', () => {
  it('passes the requester, the assignee or an earlier actor as listed, and no one else', () => {
    const assigned = { ...submitted, assignee: 'anna' };
    const relations = ['requester' as const, 'assignee' as const];

    expect(verdict(relationGuard, { relations }, assigned, principal('rita'))).toBe('passes');
    expect(verdict(relationGuard, { relations }, assigned, principal('anna'))).toBe('passes');
    expect(verdict(relationGuard, { relations }, assigned, arno)).toBe('relation');
    expect(verdict(relationGuard, { relations: [{ approverOf: 'submit' }] }, submitted, principal('rita'))).toBe(
      'passes',
    );
  });

  it('lets nobody in as assignee while the case has none', () => {
    expect(verdict(relationGuard, { relations: ['assignee'] }, submitted, arno)).toBe('relation');
  });
});

describe('separationGuard', () => {
  it('refuses the requester when notRequester is set, and only then', () => {
    const rita = principal('rita', 'Signoff.Approver');

    expect(verdict(separationGuard, { separationOfDuties: { notRequester: true } }, submitted, rita)).toBe(
      'separation_of_duties',
    );
    expect(verdict(separationGuard, {}, submitted, rita)).toBe('passes');
  });

  it('refuses whoever took or approved towards an excluded transition', () => {
    const rules = { separationOfDuties: { notActorsOf: ['approve', 'finance-approve'] } };
    const history = withApprovals(purchase('submitted', 1, [step('approve', 'arno')]), 'finance-approve', 'fred');

    expect(verdict(separationGuard, rules, history, arno)).toBe('separation_of_duties');
    expect(verdict(separationGuard, rules, history, principal('fred'))).toBe('separation_of_duties');
    expect(verdict(separationGuard, rules, history, principal('fiona'))).toBe('passes');
  });
});

describe('duplicateApprovalGuard', () => {
  it('refuses a second approval by one approver towards a quorum', () => {
    const snapshot = withApprovals(submitted, 'probe', 'arno');

    expect(verdict(duplicateApprovalGuard, { quorum: 2 }, snapshot, arno)).toBe('duplicate_approval');
    expect(verdict(duplicateApprovalGuard, { quorum: 2 }, snapshot, principal('fred'))).toBe('passes');
  });
});

describe('conditionGuard', () => {
  it('passes when the condition holds and refuses when it does not or cannot be decided', () => {
    const rules = { condition: 'data.amount < 5000' };

    expect(verdict(conditionGuard, rules, submitted, arno)).toBe('passes');
    expect(verdict(conditionGuard, rules, purchase('submitted', 9000), arno)).toBe('condition');
    expect(verdict(conditionGuard, rules, { ...submitted, data: {} }, arno)).toBe('condition');
  });
});
