import { HttpRequest } from '@azure/functions';
import { Type } from '@sinclair/typebox';
import { defineEndpoint } from '../../../shared/http/endpoint';
import { queryObject, validatedInput } from '../../../shared/http/input';
import { listNotes, ping } from '../../support/fixtures/httpEndpoints';
import { refusal } from '../../support/fixtures/refusal';

function request(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
  return new HttpRequest({
    method,
    url: `http://127.0.0.1${path}`,
    headers: init.headers ?? {},
    ...(init.body === undefined ? {} : { body: { bytes: Buffer.from(init.body) } }),
  });
}

const emailQuery = defineEndpoint({
  ...listNotes,
  name: 'fixtureEmailQuery',
  schemas: { query: Type.Object({ owner: Type.String({ format: 'email' }) }), response: Type.Object({}) },
  handler: async () => ({ body: {} }),
});

describe('queryObject', () => {
  test('a name given once maps to its value and a repeated name to every value in order', () => {
    expect(queryObject('http://h/p?a=1&b=x&a=2&a=3')).toEqual({ a: ['1', '2', '3'], b: 'x' });
  });
});

describe('validatedInput', () => {
  test('a single value of an array query parameter is accepted as a one-element array', async () => {
    const input = await validatedInput(listNotes, request('GET', '/api/fixtures/notes?tag=red'));

    expect(input.query.tag).toEqual(['red']);
  });

  test('a repeated query parameter reaches an array schema with every value, not only the last', async () => {
    const input = await validatedInput(listNotes, request('GET', '/api/fixtures/notes?tag=red&tag=blue'));

    expect(input.query.tag).toEqual(['red', 'blue']);
  });

  test('a repeated query parameter on a scalar schema is a validation error instead of keeping the last value', async () => {
    const problem = await refusal(validatedInput(listNotes, request('GET', '/api/fixtures/notes?author=a&author=b')));

    expect(problem.code).toBe('validation_failed');
    expect(problem.errors).toEqual([{ pointer: '/query/author', message: 'must be string' }]);
  });

  test('a query parameter with format email is checked for that format', async () => {
    const problem = await refusal(validatedInput(emailQuery, request('GET', '/api/fixtures/notes?owner=nobody')));

    expect(problem.errors).toEqual([{ pointer: '/query/owner', message: 'must match format "email"' }]);
  });

  test('a JSON body sent to an endpoint without a body schema is refused instead of silently ignored', async () => {
    const body = JSON.stringify({ reason: 'the handler would never see this' });
    const headers = { 'content-type': 'application/json' };

    const problem = await refusal(validatedInput(ping, request('POST', '/api/fixtures/ping', { headers, body })));

    expect(problem.code).toBe('validation_failed');
    expect(problem.errors).toEqual([{ pointer: '/body', message: expect.stringMatching(/^must be empty/) }]);
  });

  test('an empty body on an endpoint without a body schema is accepted', async () => {
    const input = await validatedInput(ping, request('POST', '/api/fixtures/ping', { body: '' }));

    expect(input.body).toBeUndefined();
  });

  test('a GET whose Content-Length claims a huge body is not refused as too large, since GET bodies are dropped', async () => {
    const headers = { 'content-length': String(50 * 1024 * 1024) };

    const input = await validatedInput(listNotes, request('GET', '/api/fixtures/notes', { headers }));

    expect(input.query.limit).toBe(20);
  });
});
