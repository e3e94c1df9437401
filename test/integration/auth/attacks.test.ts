import { getMe } from '../../../functions/me';
import type { DevTokenOptions } from '../../../devhost/identity/provider';
import { hmacWithPublicKey, tampered, unsigned } from '../../support/attackTokens';
import { startAuthEnvironment, type AuthEnvironment } from '../../support/authEnvironment';
import { invokeEndpoint, type EndpointCall } from '../../support/invokeEndpoint';

const OTHER_TENANT = '0a7c1e52-93d4-4b6f-8a21-6e0f4d3c2b19';

let env: AuthEnvironment;

beforeAll(async () => {
  env = await startAuthEnvironment({ LOG_LEVEL: 'info' });
});
afterAll(() => env.close());

const token = (options: DevTokenOptions = {}) =>
  env.idp.provider.issueToken({ user: 'mallory', roles: ['Signoff.Reader'], ...options });

const bearer = async (make: () => Promise<string>): Promise<EndpointCall> => ({ token: await make() });

it('answers a valid token with the identity it carries', async () => {
  const answer = await invokeEndpoint(getMe, { token: await token() });
  expect(answer.status).toBe(200);
  expect(answer.body).toMatchObject({ kind: 'user', name: 'Mallory', tenantId: env.idp.provider.tenantId });
});

describe('attack corpus', () => {
  it.each<[string, () => Promise<EndpointCall>, string]>([
    ['alg none', () => bearer(async () => unsigned(await token())), 'invalid_token'],
    [
      'HS256 signed with the RSA public key',
      () => bearer(async () => hmacWithPublicKey(await token(), env.idp.keyDir)),
      'invalid_token',
    ],
    [
      'an expired token',
      () => bearer(() => token({ issuedAtOffsetSeconds: -7200, ttlSeconds: 3600 })),
      'invalid_token',
    ],
    ['a token not yet valid', () => bearer(() => token({ notBeforeOffsetSeconds: 900 })), 'invalid_token'],
    ['a wrong audience', () => bearer(() => token({ audience: 'api://another-api' })), 'invalid_token'],
    ['a wrong issuer', () => bearer(() => token({ issuer: 'https://evil.example/v2.0' })), 'invalid_token'],
    ['iss and tid that disagree', () => bearer(() => token({ claims: { tid: OTHER_TENANT } })), 'invalid_token'],
    ['a tenant not allowed', () => bearer(() => token({ tenant: OTHER_TENANT })), 'invalid_token'],
    ['an unknown kid', () => bearer(() => token({ kid: 'rotated-away' })), 'invalid_token'],
    [
      'a tampered payload',
      () => bearer(async () => tampered(await token(), { roles: ['Signoff.Admin'] })),
      'invalid_token',
    ],
    [
      'a 10,000-character token',
      () => bearer(async () => `${await token()}${'A'.repeat(10_000)}`.slice(0, 10_000)),
      'invalid_token',
    ],
    [
      'a token in the query string only',
      async () => ({ path: `/api/v1/me?access_token=${await token()}` }),
      'unauthenticated',
    ],
    [
      'a token without the Bearer prefix',
      async () => ({ headers: { authorization: await token() } }),
      'unauthenticated',
    ],
    [
      'another scheme',
      async () => ({ headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } }),
      'unauthenticated',
    ],
    ['no credentials', async () => ({}), 'unauthenticated'],
  ])('refuses %s with 401 problem+json', async (_case, make, code) => {
    const answer = await invokeEndpoint(getMe, await make());

    expect(answer.status).toBe(401);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.body).toMatchObject({ status: 401, code });
    expect(answer.headers['www-authenticate']).toMatch(/^Bearer/);
    if (code === 'invalid_token') expect(answer.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('accepts the scheme in any letter case', async () => {
    const answer = await invokeEndpoint(getMe, { headers: { authorization: `bEaReR ${await token()}` } });
    expect(answer.status).toBe(200);
  });

  it('neither echoes nor logs the token it refuses', async () => {
    const forged = tampered(await token(), { name: 'x' });
    const logs: string[] = [];
    const answer = await invokeEndpoint(getMe, { token: forged, logs });

    expect(logs.join('\n')).toContain('token refused');
    expect(JSON.stringify(answer)).not.toContain(forged.split('.')[1]);
    expect(logs.join('\n')).not.toContain(forged.split('.')[1]);
  });
});

describe('principals', () => {
  it('refuses a delegated token without the API scope with 403 insufficient_scope', async () => {
    const answer = await invokeEndpoint(getMe, { token: await token({ scp: 'User.Read' }) });
    expect(answer.status).toBe(403);
    expect(answer.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="access_as_user"');
  });

  it('authorizes an app-only token by its roles, without any scope', async () => {
    const answer = await invokeEndpoint(getMe, { token: await token({ app: true, user: 'nightly-report' }) });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ kind: 'app', scopes: [], effectiveRoles: ['Signoff.Reader'] });
  });

  it('reports effective roles through the hierarchy', async () => {
    const answer = await invokeEndpoint(getMe, { token: await token({ roles: ['Signoff.Approver'] }) });
    expect(answer.body['effectiveRoles']).toEqual(['Signoff.Approver', 'Signoff.Reader', 'Signoff.Requester']);
  });
});
