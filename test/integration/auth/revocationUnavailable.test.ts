import { getMe } from '../../../functions/me';
import { revokeUserSessions } from '../../../functions/sessions';
import { startAuthEnvironment, type AuthEnvironment } from '../../support/authEnvironment';
import { invokeEndpoint } from '../../support/invokeEndpoint';

let env: AuthEnvironment;

beforeAll(async () => {
  env = await startAuthEnvironment({ REDIS_URL: 'redis://127.0.0.1:1' });
});
afterAll(() => env.close());

describe('with Redis unreachable', () => {
  it('refuses an otherwise valid token with 503 rather than skip the revocation check', async () => {
    const token = await env.idp.provider.issueToken({ user: 'ivan', roles: ['Signoff.Reader'] });
    const answer = await invokeEndpoint(getMe, { token });

    expect(answer).toMatchObject({ status: 503, body: { code: 'unavailable' } });
    expect(answer.headers['retry-after']).toBe('5');
  });

  it('answers a revocation with 503 instead of claiming it was recorded', async () => {
    const token = await env.idp.provider.issueToken({ user: 'root', roles: ['Signoff.Admin'], acrs: ['c1'] });
    const answer = await invokeEndpoint(revokeUserSessions, {
      token,
      params: { oid: '3d9b7c15-2e4f-4a68-9b0c-5f1e8d7a6c24' },
    });
    expect(answer).toMatchObject({ status: 503, body: { code: 'unavailable' } });
  });
});
