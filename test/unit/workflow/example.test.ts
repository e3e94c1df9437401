import { Roles } from '../../../shared/auth/roles';
import { checkDefinition } from '../../../shared/workflow/checkDefinition';
import { purchaseRequestDefinition } from './definitions';

describe('the purchase-request example', () => {
  it('passes every publish-time check', () => {
    expect(checkDefinition(purchaseRequestDefinition(), { knownRoles: Object.values(Roles) })).toEqual([]);
  });
});
