import { effectiveRoles, parseRoleHierarchy, Roles } from '../../../shared/auth/roles';

describe('effectiveRoles', () => {
  it('gives an approver every role below it and nothing above', () => {
    expect(effectiveRoles([Roles.Approver])).toEqual([Roles.Approver, Roles.Reader, Roles.Requester]);
  });

  it('gives an admin the whole hierarchy but not the auditor role', () => {
    expect(effectiveRoles([Roles.Admin])).not.toContain(Roles.Auditor);
    expect(effectiveRoles([Roles.Admin])).toHaveLength(4);
  });

  it('lets the auditor role imply nothing else', () => {
    expect(effectiveRoles([Roles.Auditor])).toEqual([Roles.Auditor]);
  });

  it('keeps roles outside the hierarchy as granted, without duplicates', () => {
    expect(effectiveRoles(['Other.Role', Roles.Reader, Roles.Reader])).toEqual(['Other.Role', Roles.Reader]);
  });

  it('follows a configured hierarchy', () => {
    const hierarchy = parseRoleHierarchy(' Signoff.Reader , Signoff.Auditor,Signoff.Admin ');
    expect(effectiveRoles([Roles.Admin], hierarchy)).toEqual([Roles.Admin, Roles.Auditor, Roles.Reader]);
  });
});
