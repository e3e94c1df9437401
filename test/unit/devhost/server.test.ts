import { request as httpRequest } from 'node:http';
import type { DispatchRequest } from '../../../devhost/dispatch';
import { HOST_MAX_BODY_BYTES } from '../../../devhost/dispatch';
import { startDevServer, type DevServer } from '../../../devhost/server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

function send(server: DevServer, method: string, path: string, body?: Buffer, headers = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('startDevServer', () => {
  let server: DevServer;
  const seen: DispatchRequest[] = [];

  beforeEach(async () => {
    seen.length = 0;
    server = await startDevServer(0);
  });

  afterEach(() => server.close(100));

  it('answers 503 unavailable problem+json until the app is ready', async () => {
    const reply = await send(server, 'GET', '/api/v1/health');

    expect(reply.status).toBe(503);
    expect(reply.headers['content-type']).toBe('application/problem+json');
    expect(reply.headers['retry-after']).toBe('1');
    expect(JSON.parse(reply.text)).toMatchObject({ code: 'unavailable' });
  });

  it('hands method, URL, headers and the whole body to the dispatcher and writes its response', async () => {
    server.setDispatch(async (req) => {
      seen.push(req);
      return { status: 202, headers: { 'x-one': 'a', 'set-cookie': ['a=1', 'b=2'] }, body: Buffer.from('done') };
    });

    const reply = await send(server, 'POST', '/api/x?y=1', Buffer.from('payload'), { 'x-test': 'yes' });

    expect(reply).toMatchObject({ status: 202, text: 'done' });
    expect(reply.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(reply.headers['content-length']).toBe('4');
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/x?y=1', headers: { 'x-test': 'yes' } });
    expect(seen[0]?.body?.toString()).toBe('payload');
  });

  it('serves a mounted handler’s paths ahead of the app', async () => {
    server.setDispatch(async () => ({ status: 200, headers: {}, body: Buffer.from('app') }));
    server.mount({
      pathPrefix: '/devhost/idp',
      handle: (_req, res) => {
        res.end('idp');
        return true;
      },
    });

    expect((await send(server, 'GET', '/devhost/idp/keys')).text).toBe('idp');
    expect((await send(server, 'GET', '/api/other')).text).toBe('app');
  });

  it('refuses a declared body above 100 MiB with 413 before reading it', async () => {
    server.setDispatch(async (req) => {
      seen.push(req);
      return { status: 200, headers: {}, body: Buffer.alloc(0) };
    });

    const reply = await new Promise<Reply>((resolve, reject) => {
      const req = httpRequest(`${server.url}/api/upload`, {
        method: 'POST',
        headers: { 'content-length': String(HOST_MAX_BODY_BYTES + 1) },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.write(Buffer.alloc(1024));
    });

    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.text)).toMatchObject({ code: 'payload_too_large' });
    expect(seen).toHaveLength(0);
  });

  it('stops reading a chunked body once it passes 100 MiB and answers 413', async () => {
    server.setDispatch(async (req) => {
      seen.push(req);
      return { status: 200, headers: {}, body: Buffer.alloc(0) };
    });

    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${server.url}/api/upload`, { method: 'POST' });
      const chunk = Buffer.alloc(1024 * 1024);
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (error) => (answered ? undefined : reject(error)));
      const pump = () => {
        while (!answered && req.write(chunk));
        if (!answered) req.once('drain', pump);
      };
      pump();
    });

    expect(status).toBe(413);
    expect(seen).toHaveLength(0);
  });

  it('answers internal problem+json when the dispatcher itself fails', async () => {
    server.setDispatch(async () => {
      throw new Error('broken');
    });

    const reply = await send(server, 'GET', '/api/x');

    expect(reply.status).toBe(500);
    expect(JSON.parse(reply.text)).toMatchObject({ code: 'internal' });
  });
});
