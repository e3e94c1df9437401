import type { Principal } from '../../../shared/auth/principal';
import { loadConfig } from '../../../shared/config/load';
import { rateLimitPolicies, rateLimitSubject } from '../../../shared/coordination/rateLimitPolicy';

const config = loadConfig({
  ...process.env,
  RATE_LIMIT_READ: '100',
  RATE_LIMIT_WRITE: '10',
  RATE_LIMIT_ADMIN: '5',
  RATE_LIMIT_APP_FACTOR: '4',
  RATE_LIMIT_WINDOW_SECONDS: '30',
});

const principal: Principal = {
  kind: 'user',
  objectId: 'User-OID',
  tenantId: 'Tenant-A',
  clientAppId: 'Client-App',
  roles: [],
  effectiveRoles: [],
  scopes: [],
  authContexts: [],
  authMethods: [],
  tokenId: 'tid',
  issuedAt: 0,
  expiresAt: 0,
} as Principal;

describe('rateLimitPolicies', () => {
  it.each([
    ['read', 100],
    ['write', 10],
    ['admin', 5],
  ] as const)(
    'gives %s requests a per-user quota from config and an app quota that many times larger',
    (cls, quota) => {
      const [user, app] = rateLimitPolicies(config, cls);

      expect(user).toEqual({ name: `${cls}-user`, rateClass: cls, scope: 'user', quota, windowSeconds: 30 });
      expect(app).toEqual({ name: `${cls}-app`, rateClass: cls, scope: 'app', quota: quota * 4, windowSeconds: 30 });
    },
  );
});

describe('rateLimitSubject', () => {
  it('keys the user scope by tenant and object id, case-insensitively', () => {
    expect(rateLimitSubject('user', principal)).toBe('tenant-a:user-oid');
  });

  it('keys the app scope by tenant and client app id', () => {
    expect(rateLimitSubject('app', principal)).toBe('tenant-a:client-app');
  });

  it('gives the same app in another tenant its own counter', () => {
    expect(rateLimitSubject('app', { ...principal, tenantId: 'tenant-b' })).toBe('tenant-b:client-app');
  });
});
