import { authorize, hasRole, requiredRole } from '../../../shared/auth/authorize';
import { Roles } from '../../../shared/auth/roles';
import { Problem } from '../../../shared/http/problem';
import { testPrincipal } from '../../support/principal';

const nobody = testPrincipal();
const auditor = testPrincipal({ roles: [Roles.Auditor], effectiveRoles: [Roles.Auditor] });
const approver = testPrincipal({
  roles: [Roles.Approver],
  effectiveRoles: [Roles.Approver, Roles.Reader, Roles.Requester],
});

function refusal(run: () => void): Problem | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error as Problem;
  }
}

describe('authorize', () => {
  it('lets a principal without any role call an endpoint open to every authenticated caller', () => {
    expect(refusal(() => authorize(nobody, 'authenticated'))).toBeUndefined();
    expect(refusal(() => authorize(auditor, 'authenticated'))).toBeUndefined();
  });

  it('refuses a principal without any role where a role is required, naming the role', () => {
    const problem = refusal(() => authorize(nobody, { role: Roles.Reader }));

    expect(problem).toBeInstanceOf(Problem);
    expect(problem).toMatchObject({ code: 'forbidden', detail: 'This action needs the Signoff.Reader role.' });
  });

  it('refuses an auditor where the reader role is required: the auditor role implies nothing', () => {
    expect(refusal(() => authorize(auditor, { role: Roles.Reader }))).toMatchObject({ code: 'forbidden' });
  });

  it('passes a role held through the hierarchy and refuses one above it', () => {
    expect(refusal(() => authorize(approver, { role: Roles.Requester }))).toBeUndefined();
    expect(refusal(() => authorize(approver, { role: Roles.Admin }))).toMatchObject({ code: 'forbidden' });
  });

  it('lets anyone through a public endpoint', () => {
    expect(refusal(() => authorize(nobody, 'public'))).toBeUndefined();
  });
});

describe('requiredRole', () => {
  it('names the role of a role access and none for public or authenticated access', () => {
    expect(requiredRole({ role: Roles.Admin })).toBe(Roles.Admin);
    expect(requiredRole('authenticated')).toBeUndefined();
    expect(requiredRole('public')).toBeUndefined();
  });
});

describe('hasRole', () => {
  it('reads the effective roles, not only the granted ones', () => {
    expect(hasRole(approver, Roles.Reader)).toBe(true);
    expect(hasRole(approver, Roles.Auditor)).toBe(false);
  });
});
