import { getMe } from '../../../functions/me';
import { revokeUserSessions } from '../../../functions/sessions';
import { devObjectId } from '../../../devhost/identity/claims';
import { getRedis } from '../../../shared/coordination/redis';
import { startAuthEnvironment, type AuthEnvironment } from '../../support/authEnvironment';
import { invokeEndpoint } from '../../support/invokeEndpoint';

let env: AuthEnvironment;

beforeAll(async () => {
  env = await startAuthEnvironment({ AUTH_MAX_TOKEN_LIFETIME_SECONDS: '7200', AUTH_CLOCK_SKEW_SECONDS: '30' });
});
afterAll(() => env.close());

const userToken = (user: string, iatOffset = 0) =>
  env.idp.provider.issueToken({ user, roles: ['Signoff.Reader'], issuedAtOffsetSeconds: iatOffset });

async function revoke(user: string) {
  const admin = await env.idp.provider.issueToken({ user: 'admin', roles: ['Signoff.Admin'], acrs: ['c1'] });
  const oid = devObjectId(env.idp.provider.tenantId, user);
  return invokeEndpoint(revokeUserSessions, { token: admin, params: { oid } });
}

describe('session revocation', () => {
  it("refuses the user's earlier tokens with 401 token_revoked", async () => {
    const earlier = await userToken('bob', -60);
    expect((await invokeEndpoint(getMe, { token: earlier })).status).toBe(200);

    expect((await revoke('bob')).status).toBe(200);
    const answer = await invokeEndpoint(getMe, { token: earlier });

    expect(answer).toMatchObject({ status: 401, body: { code: 'token_revoked' } });
    expect(answer.headers['www-authenticate']).toContain('error="invalid_token"');
  });

  it('accepts tokens issued after the revocation', async () => {
    await revoke('carol');
    const later = await userToken('carol', 2);
    expect((await invokeEndpoint(getMe, { token: later })).status).toBe(200);
  });

  it('leaves other users of the tenant alone', async () => {
    await revoke('dave');
    expect((await invokeEndpoint(getMe, { token: await userToken('erin', -60) })).status).toBe(200);
  });

  it('keeps the entry in Redis for the longest token lifetime plus skew', async () => {
    await revoke('frank');
    const key = `${env.redisKeyPrefix}revoked:${env.idp.provider.tenantId}:${devObjectId(env.idp.provider.tenantId, 'frank')}`;
    const ttl = await (await getRedis())!.ttl(key);
    expect(ttl).toBeGreaterThan(7200);
    expect(ttl).toBeLessThanOrEqual(7230);
  });

  it('answers with the revocation time in seconds', async () => {
    const before = Math.floor(Date.now() / 1000);
    const answer = await revoke('grace');
    const revokedAt = Date.parse(String(answer.body['revokedAt'])) / 1000;
    expect(revokedAt).toBeGreaterThanOrEqual(before);
    expect(revokedAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
  });
});
