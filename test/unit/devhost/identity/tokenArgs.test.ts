import { join } from 'node:path';
import { DEV_AUDIENCE } from '../../../../devhost/identity/defaults';
import { devhostStateDir } from '../../../../devhost/paths';
import { parseTokenArgs } from '../../../../devhost/identity/tokenArgs';
import { UsageError } from '../../../../devhost/identity/usageError';

const TENANT = '11111111-2222-4333-8444-555555555555';
const CLIENT = '99999999-8888-4777-8666-555555555555';

function problems(argv: string[], env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseTokenArgs(argv, env);
  } catch (error) {
    if (error instanceof UsageError) return error.problems;
    throw error;
  }
  return [];
}

describe('dev token flags', () => {
  it('reads a user, roles given either way, and the step-up context', () => {
    const command = parseTokenArgs(
      ['--user', 'alice', '--roles', 'Signoff.Requester,Signoff.Approver', '-r', 'X', '--acrs', 'c1'],
      {},
    );
    expect(command).toMatchObject({
      mode: 'dev',
      keyDir: join(devhostStateDir({}), 'keys'),
      audience: DEV_AUDIENCE,
      options: { user: 'alice', roles: ['Signoff.Requester', 'Signoff.Approver', 'X'], acrs: ['c1'] },
    });
  });

  it('reads every claim flag', () => {
    const argv = ['--app', '--tenant', TENANT, '--scp', 'a b', '--v1', '--amr', 'pwd,mfa', '--ttl=-5'];
    argv.push('--iat', '10');
    argv.push('--nbf', '20', '--aud', 'api://x', '--iss', 'https://i', '--azp', 'c', '--kid', 'k', '--xms-cc', 'cp1');
    argv.push('--claim', 'n=1', '--claim', 'groups=["g"]', '--claim', 's=text', '--key-dir', '/tmp/k');
    expect(parseTokenArgs(argv, {})).toMatchObject({
      keyDir: '/tmp/k',
      options: {
        app: true,
        tenant: TENANT,
        scp: 'a b',
        version: '1.0',
        amr: ['pwd', 'mfa'],
        ttlSeconds: -5,
        issuedAtOffsetSeconds: 10,
        notBeforeOffsetSeconds: 20,
        audience: 'api://x',
        issuer: 'https://i',
        clientAppId: 'c',
        kid: 'k',
        capabilities: ['cp1'],
        claims: { n: 1, groups: ['g'], s: 'text' },
      },
    });
  });

  it('takes the keys from the devhost state folder', () => {
    expect(parseTokenArgs([], { DEVHOST_DIR: '/srv/devhost' })).toMatchObject({ keyDir: '/srv/devhost/keys' });
  });

  it('takes the audience the devhost is configured with', () => {
    expect(parseTokenArgs([], { AUTH_AUDIENCE: 'api://signoff,c0ffee' })).toMatchObject({ audience: 'api://signoff' });
  });

  it('reports every bad flag at once', () => {
    expect(problems(['--ttl', 'soon', '--claim', 'novalue'])).toEqual([
      '--ttl must be a whole number of seconds, got "soon"',
      '--claim takes name=value, got "novalue"',
    ]);
    expect(problems(['--bogus'])[0]).toContain("Unknown option '--bogus'");
  });

  it('answers --help with the usage', () => {
    expect(parseTokenArgs(['--help'], {})).toEqual({ mode: 'help' });
  });
});

describe('--entra', () => {
  it('reads the tenant, client and scope from flags', () => {
    const argv = ['--entra', '--tenant', TENANT, '--client-id', CLIENT, '--scope', 'api://signoff/access_as_user'];
    expect(parseTokenArgs([...argv, '--acrs', 'c1'], {})).toEqual({
      mode: 'entra',
      settings: { tenant: TENANT, clientId: CLIENT, scopes: ['api://signoff/access_as_user'], acrs: ['c1'] },
    });
  });

  it('falls back to ENTRA_TENANT_ID, ENTRA_CLIENT_ID and ENTRA_SCOPE', () => {
    const env = {
      ENTRA_TENANT_ID: 'contoso.onmicrosoft.com',
      ENTRA_CLIENT_ID: CLIENT,
      ENTRA_SCOPE: `${CLIENT}/a ${CLIENT}/b`,
    };
    expect(parseTokenArgs(['--entra'], env)).toMatchObject({
      settings: { tenant: 'contoso.onmicrosoft.com', scopes: [`${CLIENT}/a`, `${CLIENT}/b`] },
    });
  });

  it('lists every missing setting', () => {
    expect(problems(['--entra'])).toEqual([
      'the tenant is missing: pass --tenant <tenant id> or set ENTRA_TENANT_ID',
      'the client id is missing: pass --client-id <app id> or set ENTRA_CLIENT_ID',
      'the scope is missing: pass --scope api://<api>/access_as_user or set ENTRA_SCOPE',
    ]);
  });

  it('refuses a multi-tenant authority, a malformed client id, scope or auth context', () => {
    const found = problems([
      '--entra',
      '--tenant',
      'organizations',
      '--client-id',
      'app',
      '--scope',
      'access_as_user',
      '--acrs',
      'mfa',
    ]);
    expect(found).toHaveLength(4);
    expect(found[0]).toContain('must name one tenant');
    expect(found[1]).toContain('is not an application (client) id');
    expect(found[2]).toContain('must be <App ID URI or client id>/<scope>');
    expect(found[3]).toContain('is not an auth context id');
  });

  it('refuses a tenant that is neither an id nor a domain', () => {
    expect(problems(['--entra', '--tenant', 'not a tenant', '--client-id', CLIENT, '--scope', 'api://x/y'])).toEqual([
      '--tenant "not a tenant" is neither a tenant id nor a domain',
    ]);
  });
});
