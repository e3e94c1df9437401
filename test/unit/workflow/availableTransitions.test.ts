import { availableTransitions } from '../../../shared/workflow/availableTransitions';
import { compiledPurchaseRequest, principal, purchase, step, withApprovals } from './definitions';

const definition = compiledPurchaseRequest();
const arno = principal('arno', 'Signoff.Approver');

describe('availableTransitions', () => {
  it('lists every transition leaving the state with whether this principal may take it', () => {
    const listed = availableTransitions(definition, purchase('submitted', 1450, [step('submit', 'rita')]), arno);

    expect(listed).toEqual([
      { name: 'approve', title: 'Approve', available: true, stepUp: false, needsInput: false },
      { name: 'reject', title: 'Reject', available: true, stepUp: false, needsInput: true },
    ]);
  });

  it('says why a transition is not available: the requester may not approve their own case', () => {
    const rita = principal('rita', 'Signoff.Requester', 'Signoff.Approver');

    const [approve] = availableTransitions(definition, purchase('submitted'), rita);

    expect(approve).toMatchObject({ name: 'approve', available: false, reason: 'separation_of_duties' });
    expect(approve!.detail).toContain('requester');
  });

  it('says a role is missing', () => {
    const [approve] = availableTransitions(definition, purchase('submitted'), principal('rex', 'Signoff.Reader'));

    expect(approve).toMatchObject({ available: false, reason: 'role' });
  });

  it('shows quorum progress and the step-up a finance approval will ask for', () => {
    const snapshot = withApprovals(
      purchase('finance-review', 25_000, [step('submit', 'rita'), step('approve', 'arno')]),
      'finance-approve',
      'fred',
    );

    const [financeApprove] = availableTransitions(definition, snapshot, principal('fiona', 'Signoff.Approver'));

    expect(financeApprove).toEqual({
      name: 'finance-approve',
      title: 'Approve for finance',
      available: true,
      stepUp: true,
      needsInput: false,
      quorum: { approvals: 1, needed: 2 },
    });
  });

  it('marks a second approval by the same approver as unavailable', () => {
    const snapshot = withApprovals(purchase('finance-review', 25_000), 'finance-approve', 'fred');

    const [financeApprove] = availableTransitions(definition, snapshot, principal('fred', 'Signoff.Approver'));

    expect(financeApprove).toMatchObject({ available: false, reason: 'duplicate_approval' });
  });

  it('lists nothing in a terminal state', () => {
    expect(availableTransitions(definition, purchase('approved'), arno)).toEqual([]);
  });
});
