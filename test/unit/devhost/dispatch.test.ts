import { createHash } from 'node:crypto';
import path from 'node:path';
import { app } from '@azure/functions';
import { createDispatcher, HOST_MAX_BODY_BYTES, type DispatchRequest } from '../../../devhost/dispatch';
import { loadModules } from '../../../devhost/loadApp';

const fixture = path.join(__dirname, '../../support/fixtures/httpFunctions.ts');
const loaded = loadModules([fixture]);
const dispatch = createDispatcher(loaded, { routePrefix: 'api', logLevel: 'silent' });

function request(method: string, url: string, init: Partial<DispatchRequest> = {}): Promise<ReturnType<typeof parse>> {
  return dispatch({ method, url, headers: { host: '127.0.0.1:7071', ...init.headers }, body: init.body }).then(parse);
}

function parse(response: Awaited<ReturnType<typeof dispatch>>) {
  const type = String(response.headers['content-type'] ?? '');
  const json = /json/.test(type) && response.body.length > 0 ? (JSON.parse(response.body.toString()) as unknown) : null;
  return { ...response, json: json as Record<string, unknown> | null };
}

describe('createDispatcher', () => {
  it('passes method, absolute URL, route values, repeated query values and headers to the handler', async () => {
    const res = await request('POST', '/api/fixture/echo/42?tag=a&tag=b', {
      headers: { 'content-type': 'text/plain' },
      body: Buffer.from('hello'),
    });

    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:7071/api/fixture/echo/42?tag=a&tag=b',
      id: '42',
      tags: ['a', 'b'],
      contentType: 'text/plain',
      size: 5,
      functionName: 'fixtureEcho',
    });
  });

  it('delivers a binary request body byte for byte', async () => {
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const res = await request('PUT', '/api/fixture/echo/bin', { body: bytes });

    expect(res.json).toMatchObject({ size: 256, sha: createHash('sha256').update(bytes).digest('hex') });
  });

  it('gives every invocation its own id', async () => {
    const first = await request('POST', '/api/fixture/echo/1');
    const second = await request('POST', '/api/fixture/echo/1');

    expect(first.json?.['invocationId']).not.toEqual(second.json?.['invocationId']);
  });

  it('returns a Buffer body unchanged with its content type', async () => {
    const res = await request('GET', '/api/fixture/binary');

    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect([...res.body]).toEqual([0, 255, 1, 254]);
  });

  it('turns cookies of an HttpResponse into Set-Cookie headers next to its own headers', async () => {
    const res = await request('GET', '/api/fixture/cookies');

    expect(res.body.toString()).toBe('ok');
    expect(res.headers['x-extra']).toBe('yes');
    expect(res.headers['set-cookie']).toEqual(['session=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Strict']);
  });

  it('answers 204 when a handler returns nothing', async () => {
    const res = await request('DELETE', '/api/fixture/nothing');

    expect(res.status).toBe(204);
    expect(res.body.length).toBe(0);
  });

  it('answers internal problem+json when a handler throws, without leaking the error', async () => {
    const res = await request('GET', '/api/fixture/throws', { headers: { 'x-request-id': 'req-1' } });

    expect(res.status).toBe(500);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toMatchObject({ code: 'internal', requestId: 'req-1', instance: '/api/fixture/throws' });
    expect(res.body.toString()).not.toContain('exploded');
  });

  it('lets the app catch-all answer paths inside its prefix that no specific route takes', async () => {
    const res = await request('GET', '/api/fixture/unknown/path');

    expect(res.json).toEqual({ fallback: 'unknown/path' });
  });

  it('answers route_not_found problem+json outside the route prefix', async () => {
    const res = await request('GET', '/nowhere');

    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.json).toMatchObject({ code: 'route_not_found', instance: '/nowhere', status: 404 });
  });

  it('answers method_not_allowed with an Allow header when only other methods match', async () => {
    const res = await request('DELETE', '/api/fixture/echo/1');

    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('GET, POST, PUT');
    expect(res.json).toMatchObject({ code: 'method_not_allowed' });
  });

  it('refuses a body above the 100 MiB host limit with payload_too_large', async () => {
    const res = await request('POST', '/api/fixture/echo/big', { body: Buffer.alloc(HOST_MAX_BODY_BYTES + 1) });

    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ code: 'payload_too_large' });
  });
});

describe('invocation hooks', () => {
  it('runs preInvocation and postInvocation hooks around each handler', async () => {
    const seen: string[] = [];
    const pre = app.hook.preInvocation((ctx) => {
      seen.push(`pre:${ctx.invocationContext.functionName}`);
    });
    const post = app.hook.postInvocation((ctx) => {
      seen.push(`post:${String((ctx.result as { status?: number }).status)}`);
    });
    try {
      await request('POST', '/api/fixture/echo/1');
    } finally {
      pre.dispose();
      post.dispose();
    }

    expect(seen).toEqual(['pre:fixtureEcho', 'post:201']);
  });
});
