import { Roles } from '../../shared/auth/roles';
import { startTestApp, type TestApp } from '../support/app';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
});

afterAll(() => testApp.close());

describe('startTestApp', () => {
  it('answers the health endpoint of the real app in-process', async () => {
    const res = await testApp.request('GET', '/api/v1/health');

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('reaches PostgreSQL in its own migrated schema', async () => {
    const res = await testApp.request('GET', '/api/v1/health/ready');

    expect(res.status).toBe(200);
    expect(testApp.schema).toMatch(/^app_[0-9a-f]{10}$/);
  });

  it('authenticates tokens from its dev identity provider over a real loopback port', async () => {
    const token = await testApp.token({ user: 'alice', roles: [Roles.Requester] });

    const res = await testApp.request('GET', '/api/v1/me', { token });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'user' });
    expect(JSON.stringify(res.body)).toContain(Roles.Requester);
  });

  it('refuses a request without a token with unauthenticated problem+json', async () => {
    const res = await testApp.request('GET', '/api/v1/me');

    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body).toMatchObject({ code: 'unauthenticated' });
  });

  it('answers route_not_found problem+json outside the api prefix', async () => {
    const res = await testApp.request('GET', '/not-the-api');

    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'route_not_found', instance: '/not-the-api' });
  });

  it('sends a raw body as is, so malformed JSON reaches the pipeline', async () => {
    const token = await testApp.token({ user: 'alice', roles: [Roles.Admin] });

    const res = await testApp.request('POST', '/api/v1/definitions', {
      token,
      rawBody: '{"broken"',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'raw-body-1' },
    });

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'malformed_json' });
  });
});
