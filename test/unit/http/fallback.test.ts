import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { fallbackHandler } from '../../../shared/http/fallback';
import { recordEndpoint } from '../../../shared/http/registry';
import { fixtureEndpoints } from '../../support/fixtures/httpEndpoints';

fixtureEndpoints.forEach(recordEndpoint);

async function unrouted(method: string, path: string, headers: Record<string, string> = {}) {
  const request = new HttpRequest({ method, url: `http://127.0.0.1${path}`, headers });
  const response = (await fallbackHandler(request, new InvocationContext())) as HttpResponseInit;
  const text = typeof response.body === 'string' ? response.body : '';
  return {
    status: response.status,
    headers: response.headers as Record<string, string>,
    text,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
  };
}

describe('the fallback route', () => {
  test('a path no route matches gets 404 route_not_found as problem+json', async () => {
    const res = await unrouted('GET', '/api/v1/nowhere', { 'x-request-id': 'abc-1' });

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body).toMatchObject({ code: 'route_not_found', instance: '/api/v1/nowhere', requestId: 'abc-1' });
    expect(res.headers['x-request-id']).toBe('abc-1');
  });

  test('a registered path under another method gets 405 method_not_allowed with an Allow header', async () => {
    const res = await unrouted('DELETE', '/api/fixtures/notes');

    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('GET, HEAD, OPTIONS');
    expect(res.body).toMatchObject({ code: 'method_not_allowed', status: 405 });
  });

  test('route constraints count: a value the constraint refuses is 404, not 405', async () => {
    const guid = await unrouted('PUT', '/api/fixtures/notes/3f1c2a9e-8d4b-4f6a-9c3e-2b7d5e1a0c4f');
    const notGuid = await unrouted('PUT', '/api/fixtures/notes/not-a-guid');

    expect(guid.status).toBe(405);
    expect(guid.headers['allow']).toBe('POST, OPTIONS');
    expect(notGuid.status).toBe(404);
  });

  test('literal segments match case-insensitively and a trailing slash is ignored, as in Azure', async () => {
    const res = await unrouted('DELETE', '/api/Fixtures/NOTES/');

    expect(res.status).toBe(405);
  });

  test('OPTIONS on a registered path answers 204 with the Allow header and no body', async () => {
    const res = await unrouted('OPTIONS', '/api/fixtures/ping');

    expect(res.status).toBe(204);
    expect(res.headers['allow']).toBe('POST, OPTIONS');
    expect(res.text).toBe('');
  });

  test('OPTIONS on an unknown path is 404', async () => {
    expect((await unrouted('OPTIONS', '/api/v1/nowhere')).status).toBe(404);
  });

  test('HEAD on an unknown path keeps the 404 status and headers but sends no body', async () => {
    const res = await unrouted('HEAD', '/api/v1/nowhere');

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.text).toBe('');
  });

  test('a path outside the route prefix is 404', async () => {
    expect((await unrouted('GET', '/fixtures/notes')).status).toBe(404);
  });
});
