import { resetConfig } from '../../../shared/config/load';
import { shutdown } from '../../../shared/config/lifecycle';
import { getHealth, getReadiness } from '../../../functions/health';
import { callEndpoint } from '../../support/fixtures/callEndpoint';

const saved = process.env['DATABASE_URL'];

beforeAll(() => {
  // Nothing listens on port 1: the database is unreachable for this whole file.
  process.env['DATABASE_URL'] = 'postgres://postgres@127.0.0.1:1/test';
  resetConfig();
});

afterAll(async () => {
  await shutdown();
  process.env['DATABASE_URL'] = saved;
  resetConfig();
});

describe('the health endpoints while PostgreSQL is unreachable', () => {
  test('readiness answers 503 unavailable problem+json with Retry-After', async () => {
    const res = await callEndpoint(getReadiness);

    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toMatchObject({ code: 'unavailable', status: 503, instance: '/api/v1/health/ready' });
  });

  test('liveness still answers 200, since the process itself is fine', async () => {
    expect((await callEndpoint(getHealth)).status).toBe(200);
  });
});
