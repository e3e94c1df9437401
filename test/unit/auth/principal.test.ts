import type { AccessTokenClaims } from '../../../shared/auth/claims';
import { authorize, hasRole } from '../../../shared/auth/authorize';
import { principalFromClaims } from '../../../shared/auth/principal';
import { DEFAULT_ROLE_HIERARCHY, Roles } from '../../../shared/auth/roles';
import { Problem } from '../../../shared/http/problem';

const rules = { scope: 'access_as_user', roleHierarchy: DEFAULT_ROLE_HIERARCHY };
const base: AccessTokenClaims = { iss: 'i', aud: 'a', tid: 't', oid: 'o', iat: 10, exp: 20, ver: '2.0' };

describe('principalFromClaims', () => {
  it('makes a user principal of a delegated token carrying the scope', () => {
    const principal = principalFromClaims({ ...base, scp: 'User.Read access_as_user', azp: 'client' }, rules);
    expect(principal).toMatchObject({ kind: 'user', scopes: ['User.Read', 'access_as_user'], clientAppId: 'client' });
  });

  it('refuses a delegated token without the scope with 403 insufficient_scope', () => {
    expect(() => principalFromClaims({ ...base, scp: 'User.Read' }, rules)).toThrow(Problem);
    expect(() => principalFromClaims({ ...base, roles: [Roles.Admin] }, rules)).toThrow('access_as_user');
  });

  it('makes an app principal of an app-only token, ignoring any scp it carries', () => {
    const principal = principalFromClaims({ ...base, idtyp: 'app', roles: [Roles.Requester], scp: 'x' }, rules);
    expect(principal).toMatchObject({ kind: 'app', scopes: [], effectiveRoles: [Roles.Reader, Roles.Requester] });
  });

  it('reads the v1 spellings of the client and the user name', () => {
    const principal = principalFromClaims(
      { ...base, ver: '1.0', scp: 'access_as_user', appid: 'c', upn: 'u@x' },
      rules,
    );
    expect(principal).toMatchObject({ clientAppId: 'c', username: 'u@x', tokenVersion: '1.0' });
  });
});

describe('authorize', () => {
  const approver = principalFromClaims({ ...base, idtyp: 'app', roles: [Roles.Approver] }, rules);

  it('lets a role satisfy every endpoint that asks for a role below it', () => {
    expect(() => authorize(approver, { role: Roles.Requester })).not.toThrow();
    expect(hasRole(approver, Roles.Reader)).toBe(true);
  });

  it('refuses an endpoint that asks for a higher role with 403', () => {
    expect(() => authorize(approver, { role: Roles.Admin })).toThrow(expect.objectContaining({ code: 'forbidden' }));
    expect(hasRole(approver, Roles.Auditor)).toBe(false);
  });

  it('lets anyone through a public endpoint', () => {
    expect(() => authorize(approver, 'public')).not.toThrow();
  });
});
