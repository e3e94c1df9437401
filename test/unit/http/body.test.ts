import { HttpRequest } from '@azure/functions';
import { isJsonMediaType, MAX_BODY_BYTES, readBodyBytes, readJsonBody } from '../../../shared/http/body';
import { refusal } from '../../support/fixtures/refusal';

function post(body: Buffer | string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return new HttpRequest({
    method: 'POST',
    url: 'http://127.0.0.1/api/x',
    headers,
    body: { bytes: Buffer.from(body) },
  });
}

describe('isJsonMediaType', () => {
  test('application/json and +json types count as JSON, parameters and case ignored', () => {
    expect(isJsonMediaType('Application/JSON; charset=utf-8')).toBe(true);
    expect(isJsonMediaType('application/problem+json')).toBe(true);
    expect(isJsonMediaType('text/json')).toBe(false);
    expect(isJsonMediaType('application/jsonx')).toBe(false);
    expect(isJsonMediaType(null)).toBe(false);
  });
});

describe('readBodyBytes', () => {
  test('a body of exactly the limit is read in full', async () => {
    const bytes = await readBodyBytes(post(Buffer.alloc(MAX_BODY_BYTES, 0x20)));

    expect(bytes.length).toBe(MAX_BODY_BYTES);
  });

  test('a declared Content-Length above the limit is refused before reading', async () => {
    const problem = await refusal(readBodyBytes(post('{}', { 'content-length': String(MAX_BODY_BYTES + 1) })));

    expect(problem.code).toBe('payload_too_large');
  });
});

describe('readBodyBytes when Content-Length lies', () => {
  test('a Content-Length that is not a number does not lift the limit', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 0x20);

    const problem = await refusal(readBodyBytes(post(big, { 'content-length': 'lots' })));

    expect(problem.code).toBe('payload_too_large');
  });

  test('a Content-Length larger than the body reads just the body', async () => {
    const bytes = await readBodyBytes(post('{"a":1}', { 'content-length': '5000' }));

    expect(bytes.toString()).toBe('{"a":1}');
  });
});

describe('readJsonBody', () => {
  test('a body that is not valid UTF-8 is refused as malformed_json instead of decoded with replacement characters', async () => {
    const latin1 = Buffer.from('{"title":"Caf\xe9"}', 'latin1');

    const problem = await refusal(readJsonBody(post(latin1)));

    expect(problem.code).toBe('malformed_json');
    expect(problem.detail).toMatch(/UTF-8/);
  });

  test('a JSON content type declaring a charset other than UTF-8 gets 415', async () => {
    const problem = await refusal(readJsonBody(post('{}', { 'content-type': 'application/json; charset=iso-8859-1' })));

    expect(problem.code).toBe('unsupported_media_type');
  });

  test('a UTF-8 byte order mark before the JSON is accepted', async () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"title":"Café"}')]);

    await expect(readJsonBody(post(withBom))).resolves.toEqual({ title: 'Café' });
  });

  test('an empty body gives undefined whatever the content type', async () => {
    await expect(readJsonBody(post('', { 'content-type': 'text/plain' }))).resolves.toBeUndefined();
  });

  test('a body without a content type gets 415', async () => {
    const problem = await refusal(readJsonBody(post('{}', {})));

    expect(problem.code).toBe('unsupported_media_type');
  });
});
