import { boom, listNotes } from '../../support/fixtures/httpEndpoints';
import { callEndpoint } from '../../support/fixtures/callEndpoint';

describe('HEAD requests', () => {
  test('a HEAD request to a GET endpoint answers the status and headers of the GET without a body', async () => {
    const get = await callEndpoint(listNotes, { path: '/api/fixtures/notes?limit=3' });

    const head = await callEndpoint(listNotes, { method: 'HEAD', path: '/api/fixtures/notes?limit=3' });

    expect(head.status).toBe(get.status);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.headers['x-request-id']).toBeDefined();
    expect(head.text).toBe('');
  });

  test('a HEAD request that fails keeps the problem status and content type but sends no body', async () => {
    const head = await callEndpoint(boom, { method: 'HEAD' });

    expect(head.status).toBe(500);
    expect(head.headers['content-type']).toBe('application/problem+json');
    expect(head.text).toBe('');
  });
});
