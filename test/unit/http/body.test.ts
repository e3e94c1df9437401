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

describe('readJsonBody refuses what cannot be hashed or stored, as 400 instead of 500', () => {
  test('a body nested 100,000 levels deep is refused as validation_failed instead of overflowing the stack', async () => {
    const deep = `{"data":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;

    const problem = await refusal(readJsonBody(post(deep)));

    expect(problem.code).toBe('validation_failed');
    expect(problem.errors[0]?.pointer).toMatch(/^\/body\/data(\/0)+$/);
  });

  test('a number too large for a double (1e999) is refused instead of becoming Infinity', async () => {
    const problem = await refusal(readJsonBody(post(`{"data":{"amount":${'9'.repeat(400)}}}`)));

    expect(problem.code).toBe('validation_failed');
    expect(problem.errors).toEqual([{ pointer: '/body/data/amount', message: expect.stringMatching(/double/) }]);
  });

  test('a lone surrogate escape in a string or a member name is refused instead of failing the fingerprint', async () => {
    const inValue = await refusal(readJsonBody(post('{"title":"a\\ud800b"}')));
    const inName = await refusal(readJsonBody(post('{"data":{"\\udfff":1}}')));

    expect(inValue.errors).toEqual([{ pointer: '/body/title', message: expect.stringMatching(/surrogate/) }]);
    expect(inName.errors[0]?.pointer).toMatch(/^\/body\/data\//);
    expect(inName.code).toBe('validation_failed');
  });

  test('a compressed body is refused with 415 instead of parsed as if it were plain', async () => {
    const problem = await refusal(
      readJsonBody(post('{}', { 'content-type': 'application/json', 'content-encoding': 'br' })),
    );

    expect(problem.code).toBe('unsupported_media_type');
    expect(problem.detail).toMatch(/Content-Encoding/);
  });

  test('Content-Encoding identity is the same as none', async () => {
    const body = post('{"a":1}', { 'content-type': 'application/json', 'content-encoding': 'identity' });

    await expect(readJsonBody(body)).resolves.toEqual({ a: 1 });
  });
});
