import { revokeUserSessions } from '../../../functions/sessions';
import type { DevTokenOptions } from '../../../devhost/identity/provider';
import { startAuthEnvironment, type AuthEnvironment } from '../../support/authEnvironment';
import { invokeEndpoint } from '../../support/invokeEndpoint';
import { claimsChallenge, stepUpHeader } from '../../../shared/auth/stepUp';

const TARGET = '3d9b7c15-2e4f-4a68-9b0c-5f1e8d7a6c24';

let env: AuthEnvironment;

beforeAll(async () => {
  env = await startAuthEnvironment({ AUTH_STEP_UP_CONTEXTS: 'c2' });
});
afterAll(() => env.close());

async function revokeAs(options: DevTokenOptions) {
  const token = await env.idp.provider.issueToken({ user: 'root', roles: ['Signoff.Admin'], ...options });
  return invokeEndpoint(revokeUserSessions, { token, params: { oid: TARGET } });
}

function decodedChallenge(header: string | undefined): unknown {
  const claims = /claims="([^"]+)"/.exec(header ?? '')?.[1] ?? '';
  return JSON.parse(Buffer.from(claims, 'base64').toString('utf8'));
}

describe('an admin operation marked for step-up', () => {
  it('challenges a token without the auth context with 401 and a claims request for it', async () => {
    const answer = await revokeAs({});

    expect(answer).toMatchObject({ status: 401, body: { code: 'step_up_required', authContext: 'c2' } });
    expect(answer.headers['www-authenticate']).toBe(stepUpHeader('c2'));
    expect(answer.headers['www-authenticate']).toMatch(
      /^Bearer realm="", authorization_uri="https:\/\/login\.microsoftonline\.com\/common\/oauth2\/authorize", error="insufficient_claims", claims="[A-Za-z0-9+/]+={0,2}"$/,
    );
    expect(decodedChallenge(answer.headers['www-authenticate'])).toEqual({
      access_token: { acrs: { essential: true, value: 'c2' } },
    });
  });

  it('challenges a user whose client did not declare cp1 with the same 401, telling it what to send', async () => {
    const answer = await revokeAs({ capabilities: [] });

    expect(answer).toMatchObject({ status: 401, body: { code: 'step_up_required', authContext: 'c2' } });
    expect(answer.headers['www-authenticate']).toBe(stepUpHeader('c2'));
    expect(answer.body['claims']).toBe(claimsChallenge('c2'));
    expect(answer.body['detail']).toContain('claims parameter');
  });

  it('still challenges a token that satisfied another auth context', async () => {
    expect((await revokeAs({ acrs: ['c1'] })).status).toBe(401);
  });

  it('passes a token whose acrs holds the configured auth context', async () => {
    const answer = await revokeAs({ acrs: ['c2'] });
    expect(answer).toMatchObject({ status: 200, body: { objectId: TARGET, tenantId: env.idp.provider.tenantId } });
  });

  it('passes a v1 token whose amr holds mfa', async () => {
    expect((await revokeAs({ version: '1.0', amr: ['pwd', 'mfa'] })).status).toBe(200);
  });

  it('refuses an app-only token with 403: apps cannot step up', async () => {
    const answer = await revokeAs({ app: true, user: 'provisioning', acrs: ['c2'] });
    expect(answer).toMatchObject({ status: 403, body: { code: 'forbidden' } });
  });

  it('refuses a non-admin with 403 before asking for step-up', async () => {
    const answer = await revokeAs({ roles: ['Signoff.Approver'], acrs: ['c2'] });
    expect(answer).toMatchObject({ status: 403, body: { code: 'forbidden' } });
  });
});
