import { Type } from '@sinclair/typebox';
import { resetConfig } from '../../../shared/config/load';
import { shutdown } from '../../../shared/config/lifecycle';
import { defineEndpoint } from '../../../shared/http/endpoint';
import { callEndpoint } from '../../support/fixtures/callEndpoint';

// An endpoint that runs one SQL statement on the process's ORM; the statement decides how it fails.
function querying(name: string, sql: string) {
  return defineEndpoint({
    name,
    method: 'GET',
    route: `fixtures/${name}`,
    summary: 'Run one statement',
    tags: ['fixtures'],
    access: 'public',
    rateClass: 'none',
    idempotency: 'none',
    successStatus: 200,
    schemas: { response: Type.Object({}) },
    handler: async ({ em }) => {
      await (await em()).execute(sql);
      return { body: {} };
    },
  });
}

function expectUnavailable(res: Awaited<ReturnType<typeof callEndpoint>>): void {
  expect(res.status).toBe(503);
  expect(res.headers['content-type']).toBe('application/problem+json');
  expect(res.headers['retry-after']).toBe('5');
  expect(res.json()).toMatchObject({ code: 'unavailable', status: 503 });
  expect(res.text).not.toMatch(/ECONNREFUSED|57P01|administrator command|127\.0\.0\.1/);
}

const saved = process.env['DATABASE_URL'];

afterEach(async () => {
  await shutdown();
  process.env['DATABASE_URL'] = saved;
  resetConfig();
});

describe('a request whose database goes away answers 503 unavailable instead of 500 internal', () => {
  test('when nothing listens on the database port (ECONNREFUSED)', async () => {
    process.env['DATABASE_URL'] = 'postgres://postgres@127.0.0.1:1/test';
    resetConfig();

    expectUnavailable(await callEndpoint(querying('refusedQuery', 'select 1')));
  });

  test('when the server ends the connection mid-request (SQLSTATE 57P01, as in a shutdown)', async () => {
    expectUnavailable(await callEndpoint(querying('terminatedQuery', 'select pg_terminate_backend(pg_backend_pid())')));
  });

  test('a query the server refuses is still a 500, not mistaken for an outage', async () => {
    const res = await callEndpoint(querying('brokenQuery', 'select * from no_such_table_here'));

    expect(res.status).toBe(500);
  });
});
