import { listDefinitions } from '../../../functions/definitions';
import { getMe } from '../../../functions/me';
import type { DevTokenOptions } from '../../../devhost/identity/provider';
import { Roles } from '../../../shared/auth/roles';
import { startAuthEnvironment, type AuthEnvironment } from '../../support/authEnvironment';
import { invokeEndpoint } from '../../support/invokeEndpoint';

let env: AuthEnvironment;

beforeAll(async () => {
  env = await startAuthEnvironment();
});
afterAll(() => env.close());

const token = (options: DevTokenOptions) => env.idp.provider.issueToken({ user: 'nora', ...options });

describe('GET /v1/me, open to every authenticated caller', () => {
  it('answers a user token without any app role with 200 and empty roles', async () => {
    const answer = await invokeEndpoint(getMe, { token: await token({ roles: [] }) });

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ kind: 'user', name: 'Nora', roles: [], effectiveRoles: [] });
  });

  it('answers a user who is only an auditor', async () => {
    const answer = await invokeEndpoint(getMe, { token: await token({ roles: [Roles.Auditor] }) });

    expect(answer).toMatchObject({ status: 200, body: { effectiveRoles: [Roles.Auditor] } });
  });

  it('answers an app-only token without any app role', async () => {
    const answer = await invokeEndpoint(getMe, { token: await token({ app: true, user: 'sync-job', roles: [] }) });

    expect(answer).toMatchObject({ status: 200, body: { kind: 'app', roles: [] } });
  });

  it('counts the call against the read quota like any other read', async () => {
    const answer = await invokeEndpoint(getMe, { token: await token({ roles: [] }) });

    expect(answer.headers['ratelimit-policy']).toContain('"read-user"');
    expect(answer.headers['ratelimit']).toMatch(/"read-user";r=\d+;t=\d+/);
  });

  it('still refuses a request without a token with 401', async () => {
    const answer = await invokeEndpoint(getMe, {});

    expect(answer).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
  });
});

describe('an endpoint that needs a role', () => {
  it('refuses a token without any app role with 403 before its handler runs', async () => {
    const answer = await invokeEndpoint(listDefinitions, { token: await token({ roles: [] }) });

    expect(answer).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(answer.body['detail']).toContain(Roles.Reader);
  });

  it('refuses an auditor, whose role implies no other', async () => {
    const answer = await invokeEndpoint(listDefinitions, { token: await token({ roles: [Roles.Auditor] }) });

    expect(answer).toMatchObject({ status: 403, body: { code: 'forbidden' } });
  });
});
