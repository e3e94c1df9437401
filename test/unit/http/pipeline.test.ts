import { archiveNote, boom, createNote, listNotes, ping } from '../../support/fixtures/httpEndpoints';
import { callEndpoint, type RawAnswer } from '../../support/fixtures/callEndpoint';

const NOTE_ID = '8b0f7c62-4a51-4c1e-9f0a-6d2b3e4f5a6b';
const PERSON = { id: '1c9a4e27-3b8d-4f60-a5e2-7d1b0c9e8f3a', name: 'Ada' };
const NOTE = { title: 'Hello', priority: 3, author: PERSON, reviewers: [PERSON] };
const JSON_HEADERS = { 'content-type': 'application/json' };

function postNote(body: string | Buffer, headers: Record<string, string> = JSON_HEADERS) {
  return callEndpoint(createNote, { params: { noteId: NOTE_ID }, headers, body });
}

function expectProblem(answer: RawAnswer, status: number, code: string) {
  expect(answer.headers['content-type']).toBe('application/problem+json');
  const body = answer.json();
  expect(body).toMatchObject({ status, code, instance: expect.any(String), requestId: expect.any(String) });
  expect(Object.keys(body)).toEqual(
    expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance', 'code', 'requestId', 'errors']),
  );
  expect(answer.status).toBe(status);
  return body;
}

describe('the endpoint pipeline', () => {
  test('a valid request reaches the handler with validated, coerced input', async () => {
    const answer = await callEndpoint(createNote, {
      path: `/api/fixtures/notes/${NOTE_ID}?dryRun=true`,
      params: { noteId: NOTE_ID },
      headers: JSON_HEADERS,
      body: JSON.stringify(NOTE),
    });

    expect(answer.status).toBe(201);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.json()).toEqual({ noteId: NOTE_ID, dryRun: true, note: NOTE });
  });

  test('a 2 MiB body gets 413 payload_too_large', async () => {
    const answer = await postNote(JSON.stringify({ title: 'x'.repeat(2 * 1024 * 1024) }));

    expectProblem(answer, 413, 'payload_too_large');
  });

  test('a body larger than the limit gets 413 even when Content-Length claims it is small', async () => {
    const body = JSON.stringify({ title: 'x'.repeat(1024 * 1024 + 10) });

    const answer = await postNote(body, { ...JSON_HEADERS, 'content-length': '20' });

    expectProblem(answer, 413, 'payload_too_large');
  });

  test('text/plain on a JSON endpoint gets 415 unsupported_media_type', async () => {
    const answer = await postNote(JSON.stringify(NOTE), { 'content-type': 'text/plain' });

    expectProblem(answer, 415, 'unsupported_media_type');
  });

  test('a +json media type with parameters is accepted as JSON', async () => {
    const answer = await postNote(JSON.stringify(NOTE), {
      'content-type': 'application/merge-patch+json; charset=utf-8',
    });

    expect(answer.status).toBe(201);
  });

  test('malformed JSON gets 400 malformed_json', async () => {
    const answer = await postNote('{"title": "unterminated');

    expectProblem(answer, 400, 'malformed_json');
  });

  test('schema errors get 400 validation_failed listing every field error of params, query and body', async () => {
    const answer = await callEndpoint(createNote, {
      path: '/api/fixtures/notes/not-a-uuid?dryRun=maybe',
      params: { noteId: 'not-a-uuid' },
      headers: JSON_HEADERS,
      body: JSON.stringify({ title: '', priority: 9, author: { id: 'x' }, reviewers: [], extra: 1 }),
    });

    const body = expectProblem(answer, 400, 'validation_failed');
    const pointers = (body['errors'] as { pointer: string }[]).map((e) => e.pointer).sort();
    expect(pointers).toEqual(
      [
        '/params/noteId',
        '/query/dryRun',
        '/body/title',
        '/body/priority',
        '/body/author/id',
        '/body/author/name',
        '/body/extra',
      ].sort(),
    );
  });

  test('a missing body on an endpoint that needs one is a validation error at /body', async () => {
    const answer = await callEndpoint(createNote, { params: { noteId: NOTE_ID }, headers: JSON_HEADERS });

    const body = expectProblem(answer, 400, 'validation_failed');
    expect(body['errors']).toEqual([{ pointer: '/body', message: expect.any(String) }]);
  });

  test('the caller’s request id is echoed in the header and the problem body', async () => {
    const answer = await postNote('{', { ...JSON_HEADERS, 'x-request-id': 'client-42.a:b' });

    expect(answer.headers['x-request-id']).toBe('client-42.a:b');
    expect(answer.json()['requestId']).toBe('client-42.a:b');
  });

  test('a 10 kB request id header is neither echoed nor logged; a generated UUID replaces it', async () => {
    const answer = await callEndpoint(ping, { headers: { 'x-request-id': 'r'.repeat(10 * 1024) } });

    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.text).not.toContain('rrrr');
  });

  test('a request id with characters outside the safe set is replaced, so it cannot forge log or header content', async () => {
    const answer = await callEndpoint(ping, { headers: { 'x-request-id': 'abc"}; x=<script>' } });

    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('a __proto__ member in a body is refused as an unknown field, never merged into a prototype', async () => {
    const raw = `{"__proto__":{"admin":true},${JSON.stringify(NOTE).slice(1)}`;

    const refused = await postNote(raw);

    const body = expectProblem(refused, 400, 'validation_failed');
    expect(body['errors']).toEqual([{ pointer: '/body/__proto__', message: 'must NOT have additional properties' }]);
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });

  test('a request without a request id gets a generated UUID', async () => {
    const answer = await callEndpoint(ping, {});

    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test('an uncaught exception becomes a 500 internal problem without stack or internals', async () => {
    const answer = await callEndpoint(boom, {});

    const body = expectProblem(answer, 500, 'internal');
    expect(answer.text).not.toMatch(/ECONNREFUSED|hunter2|10\.0\.0\.7|at .*\.ts|stack/i);
    expect(body['detail']).toBe('Something went wrong on our side; quote the requestId when reporting it.');
  });

  test('the problem instance is the request path, without the query string', async () => {
    const answer = await callEndpoint(boom, { path: '/api/fixtures/boom?secret=abc' });

    expect(answer.json()['instance']).toBe('/api/fixtures/boom');
  });

  test('a protected endpoint refuses a request without a token with 401 before running the handler', async () => {
    const answer = await callEndpoint(archiveNote, { params: { noteId: 'n1' }, headers: { 'idempotency-key': 'k1' } });

    expectProblem(answer, 401, 'unauthenticated');
    expect(answer.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  test('query parameters are coerced to their declared types and defaults apply', async () => {
    const answer = await callEndpoint(listNotes, { path: '/api/fixtures/notes?author=ada' });

    expect(answer.json()).toEqual({ limit: 20, tag: [], author: 'ada' });
  });
});
