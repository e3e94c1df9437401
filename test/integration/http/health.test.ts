import { shutdown } from '../../../shared/config/lifecycle';
import { getHealth, getReadiness } from '../../../functions/health';
import { callEndpoint } from '../../support/fixtures/callEndpoint';

afterAll(() => shutdown());

describe('the health endpoints against the machine’s PostgreSQL', () => {
  test('liveness answers 200 {status: ok} and is never cached', async () => {
    const res = await callEndpoint(getHealth);

    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  test('readiness answers 200 {status: ok} when PostgreSQL answers', async () => {
    const res = await callEndpoint(getReadiness);

    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });
});
