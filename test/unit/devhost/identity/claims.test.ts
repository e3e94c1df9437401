import { devObjectId, devTokenClaims, deterministicGuid } from '../../../../devhost/identity/claims';
import { DEV_AUDIENCE, DEV_CLIENT_APP_ID, DEV_TENANT_ID } from '../../../../devhost/identity/defaults';

const defaults = { tenantId: DEV_TENANT_ID, audience: DEV_AUDIENCE };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('dev token claims', () => {
  it('gives the same user the same oid every time, and another user another one', () => {
    expect(devObjectId(DEV_TENANT_ID, 'alice')).toBe(devObjectId(DEV_TENANT_ID, 'alice'));
    expect(devObjectId(DEV_TENANT_ID, 'alice')).not.toBe(devObjectId(DEV_TENANT_ID, 'bob'));
    expect(devObjectId(DEV_TENANT_ID, 'alice')).toMatch(GUID);
    expect(deterministicGuid('x')).toMatch(GUID);
  });

  it('gives a user a different oid in another tenant, as Entra does', () => {
    expect(devObjectId(DEV_TENANT_ID, 'alice')).not.toBe(devObjectId('other', 'alice'));
  });

  it('shapes a user token like an Entra v2 delegated token', () => {
    const claims = devTokenClaims({ user: 'alice', roles: ['Signoff.Requester'] }, defaults);
    expect(claims).toMatchObject({
      iss: `https://login.devhost.invalid/${DEV_TENANT_ID}/v2.0`,
      aud: DEV_AUDIENCE,
      tid: DEV_TENANT_ID,
      oid: devObjectId(DEV_TENANT_ID, 'alice'),
      scp: 'access_as_user',
      roles: ['Signoff.Requester'],
      idtyp: 'user',
      xms_cc: ['cp1'],
      azp: DEV_CLIENT_APP_ID,
      name: 'Alice',
      preferred_username: 'alice@signoff.dev',
      ver: '2.0',
    });
    expect(claims.exp - claims.iat).toBe(3600);
    expect(claims.nbf).toBe(claims.iat);
    expect(claims.uti).toMatch(/^[0-9a-f]{22}$/);
  });

  it('shapes an app token without scp, name or client capabilities', () => {
    const claims = devTokenClaims({ user: 'robot', app: true, roles: ['Signoff.Reader'] }, defaults);
    expect(claims).toMatchObject({ idtyp: 'app', oid: devObjectId(DEV_TENANT_ID, 'robot', true) });
    expect(claims).not.toHaveProperty('scp');
    expect(claims).not.toHaveProperty('name');
    expect(claims).not.toHaveProperty('xms_cc');
  });

  it('uses the v1 spellings for a v1 token', () => {
    const claims = devTokenClaims({ version: '1.0', amr: ['pwd', 'mfa'] }, defaults);
    expect(claims).toMatchObject({ iss: `https://sts.windows.net/${DEV_TENANT_ID}/`, appid: DEV_CLIENT_APP_ID });
    expect(claims).toMatchObject({ upn: 'alice@signoff.dev', amr: ['pwd', 'mfa'], ver: '1.0' });
    expect(claims).not.toHaveProperty('azp');
  });

  it('lets every claim be overridden', () => {
    const claims = devTokenClaims({ tenant: 't2', issuer: 'https://x', claims: { tid: 't3', extra: 1 } }, defaults);
    expect(claims).toMatchObject({ iss: 'https://x', tid: 't3', extra: 1 });
  });

  it('leaves scp out when asked for no scopes', () => {
    expect(devTokenClaims({ scp: '' }, defaults)).not.toHaveProperty('scp');
  });
});
