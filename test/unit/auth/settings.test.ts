import { principalRules, stepUpContextFor, verifierSettings } from '../../../shared/auth/settings';
import { loadConfig } from '../../../shared/config/load';

const T1 = '11111111-2222-4333-8444-555555555555';
const BASE = { AUTH_METADATA_URL: 'https://login.example/.well-known/openid-configuration', AUTH_AUDIENCE: 'a' };

const config = (env: Record<string, string>) => loadConfig({ ...BASE, ...env });

describe('auth settings', () => {
  it('accepts several audiences and tenants, comma-separated', () => {
    const settings = verifierSettings(config({ AUTH_AUDIENCE: 'api://signoff, c0ffee', AUTH_TENANT_IDS: T1 }));
    expect(settings.audiences).toEqual(['api://signoff', 'c0ffee']);
    expect(settings.tenantIds).toEqual([T1]);
  });

  it('leaves the tenants to the issuer when AUTH_TENANT_IDS is unset', () => {
    expect(verifierSettings(config({})).tenantIds).toBeUndefined();
  });

  it('reads the scope and the role hierarchy', () => {
    const rules = principalRules(config({ AUTH_SCOPE: 'signoff.use', AUTH_ROLE_HIERARCHY: 'A,B' }));
    expect(rules).toEqual({ scope: 'signoff.use', roleHierarchy: ['A', 'B'] });
  });

  it('picks the tenant’s own step-up context before the default one', () => {
    const settings = config({ AUTH_STEP_UP_CONTEXTS: `c3,${T1}=c7` });
    expect(stepUpContextFor(settings, T1.toUpperCase())).toBe('c7');
    expect(stepUpContextFor(settings, '00000000-0000-4000-8000-000000000000')).toBe('c3');
  });

  it('falls back to c1 when only other tenants have a step-up context', () => {
    expect(stepUpContextFor(config({ AUTH_STEP_UP_CONTEXTS: `${T1}=c2` }), 'other')).toBe('c1');
  });

  it('rejects a malformed step-up setting at startup', () => {
    expect(() => config({ AUTH_STEP_UP_CONTEXTS: 'mfa' })).toThrow('AUTH_STEP_UP_CONTEXTS');
  });
});
