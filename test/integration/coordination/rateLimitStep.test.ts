import { startAuthEnvironment, type AuthEnvironment } from '../../support/authEnvironment';
import { callAs, testEndpoint } from './testEndpoint';

// Quotas of 3 per user (and 2 x 3 = 6 per client app) per window, for the 'write' class.
let env: AuthEnvironment;

const ping = testEndpoint({
  name: 'rateLimitedPing',
  method: 'POST',
  access: { role: 'Signoff.Approver' },
  rateClass: 'write',
});

const open = { ...ping, name: 'unlimitedPing', rateClass: 'none' as const };

beforeAll(async () => {
  env = await startAuthEnvironment({
    RATE_LIMIT_WRITE: '3',
    RATE_LIMIT_APP_FACTOR: '2',
    RATE_LIMIT_WINDOW_SECONDS: '60',
  });
});
afterAll(() => env.close());

interface Call {
  client?: string;
  roles?: string[];
  headers?: Record<string, string>;
  spec?: typeof ping;
}

function call(user: string, { client = 'client-one', roles = ['Signoff.Approver'], headers, spec }: Call = {}) {
  return callAs(env, spec ?? ping, { user, roles, clientAppId: client, ...(headers ? { headers } : {}) });
}

describe('rate limit step', () => {
  it('admits the quota, then answers 429 problem+json with Retry-After and RateLimit headers', async () => {
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await call('ada'));

    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0]!.headers['ratelimit-policy']).toBe('"write-user";q=3;w=60, "write-app";q=6;w=60');
    expect(answers[0]!.headers['ratelimit']).toMatch(/^"write-user";r=2;t=\d+, "write-app";r=5;t=\d+$/);
    const refused = answers[3]!;
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.json()).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.headers['ratelimit']).toMatch(/^"write-user";r=0;t=\d+/);
  });

  it('keys on the validated principal, so a forged X-Forwarded-For does not reset the quota', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push(
        (await call('bea', { client: 'client-xff', headers: { 'x-forwarded-for': `10.0.0.${i}` } })).status,
      );
    }

    const answer = await call('bea', { client: 'client-xff', headers: { 'x-forwarded-for': '192.0.2.99' } });
    expect(statuses).toEqual([200, 200, 200]);
    expect(answer.status).toBe(429);
  });

  it('caps the client app across its users in the tenant', async () => {
    const statuses = [];
    for (const user of ['cy', 'cy', 'cy', 'dee', 'dee', 'dee', 'eve']) {
      statuses.push((await call(user, { client: 'client-two' })).status);
    }

    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
  });

  it('adds the RateLimit headers to refusals after the step too, such as 403', async () => {
    const answer = await call('fay', { client: 'client-three', roles: ['Signoff.Reader'] });

    expect(answer.status).toBe(403);
    expect(answer.headers['ratelimit']).toMatch(/^"write-user";r=2/);
  });

  it('leaves endpoints of class none unlimited and without RateLimit headers', async () => {
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await call('gus', { spec: open }));

    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers[0]!.headers['ratelimit']).toBeUndefined();
  });
});
