import { authProblems, isMultiTenantMetadataUrl } from '../../../shared/config/authRules';
import { loadConfig } from '../../../shared/config/load';
import { configProblems as problemsOf } from '../../support/configProblems';

const TENANT = '5f0e7d41-8c0b-4a59-9d3e-2b6a1c7e4f10';
const metadataOf = (tenant: string) =>
  `https://login.microsoftonline.com/${tenant}/v2.0/.well-known/openid-configuration`;
const base = { AUTH_AUDIENCE: 'api://signoff' };

describe('isMultiTenantMetadataUrl', () => {
  it.each(['organizations', 'common', 'Organizations', '%7Btenantid%7D'])('sees %s as multi-tenant', (tenant) => {
    expect(isMultiTenantMetadataUrl(metadataOf(tenant))).toBe(true);
  });

  it.each([TENANT, 'contoso.onmicrosoft.com', 'consumers'])('sees %s as one tenant', (tenant) => {
    expect(isMultiTenantMetadataUrl(metadataOf(tenant))).toBe(false);
  });

  it('reads the devhost identity provider the same way', () => {
    const devhost = 'http://127.0.0.1:7071/devhost/idp/organizations/v2.0/.well-known/openid-configuration';
    expect(isMultiTenantMetadataUrl(devhost)).toBe(true);
  });
});

describe('loadConfig with the auth rules', () => {
  it('refuses multi-tenant metadata without AUTH_TENANT_IDS, naming the setting to add', () => {
    const problems = problemsOf({ ...base, AUTH_METADATA_URL: metadataOf('organizations') });

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^AUTH_TENANT_IDS: is required when AUTH_METADATA_URL is multi-tenant/);
  });

  it('refuses the common endpoint too', () => {
    expect(problemsOf({ ...base, AUTH_METADATA_URL: metadataOf('common') })).toHaveLength(1);
  });

  it('accepts multi-tenant metadata with an allow-list', () => {
    const config = loadConfig({ ...base, AUTH_METADATA_URL: metadataOf('organizations'), AUTH_TENANT_IDS: TENANT });
    expect(config.authTenantIds).toBe(TENANT);
  });

  it('accepts single-tenant metadata without an allow-list', () => {
    expect(problemsOf({ ...base, AUTH_METADATA_URL: metadataOf(TENANT) })).toEqual([]);
  });

  it('lists the auth problem together with the production ones', () => {
    const problems = problemsOf({ ...base, AUTH_METADATA_URL: metadataOf('common'), SIGNOFF_ENV: 'production' });

    expect(problems.map((line) => line.split(':')[0])).toEqual([
      'REDIS_URL',
      'DATABASE_URL',
      'CURSOR_SECRET',
      'AUTH_TENANT_IDS',
    ]);
  });
});

describe('authProblems', () => {
  it('has nothing to say about a valid configuration', () => {
    const config = loadConfig({ ...base, AUTH_METADATA_URL: metadataOf(TENANT) });
    expect(authProblems(config)).toEqual([]);
  });
});
