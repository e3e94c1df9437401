import { createServer } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { answerClientError, HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from '../../../devhost/clientErrors';
import type { DispatchRequest } from '../../../devhost/dispatch';
import { startDevServer, type DevServer } from '../../../devhost/server';

interface RawReply {
  status: number;
  head: string;
  body: string;
}

/** Writes `bytes` on a fresh connection and reads until the server closes it. */
function rawExchange(port: number, bytes: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', ...rest] = text.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), head: head.toLowerCase(), body: rest.join('\r\n\r\n') });
    });
    socket.write(bytes);
  });
}

function expectProblem(reply: RawReply, status: number, code: string): void {
  expect(reply.status).toBe(status);
  expect(reply.head).toContain('content-type: application/problem+json');
  expect(reply.head).toContain('connection: close');
  expect(JSON.parse(reply.body)).toMatchObject({ status, code });
}

describe('requests Node’s HTTP parser refuses get problem+json instead of a bare status line', () => {
  let server: DevServer;
  const seen: DispatchRequest[] = [];

  beforeEach(async () => {
    seen.length = 0;
    server = await startDevServer(0);
    server.setDispatch(async (req) => {
      seen.push(req);
      return { status: 200, headers: {}, body: Buffer.from('ok') };
    });
  });

  afterEach(() => server.close(100));

  it('headers above 16 KiB get 431 header_fields_too_large', async () => {
    const reply = await rawExchange(
      server.port,
      `GET /api/x HTTP/1.1\r\nHost: a\r\nX-Big: ${'z'.repeat(20_000)}\r\n\r\n`,
    );

    expectProblem(reply, 431, 'header_fields_too_large');
    expect(seen).toHaveLength(0);
  });

  it('an unknown HTTP version gets 400 bad_request', async () => {
    expectProblem(await rawExchange(server.port, 'GET /api/x HTTP/9.9\r\nHost: a\r\n\r\n'), 400, 'bad_request');
  });

  it('Content-Length together with Transfer-Encoding: chunked gets 400 bad_request (no request smuggling)', async () => {
    const smuggled =
      'POST /api/x HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n';

    expectProblem(await rawExchange(server.port, smuggled), 400, 'bad_request');
    expect(seen).toHaveLength(0);
  });

  it('gives clients 30 s to send their headers and 60 s for the whole request', () => {
    expect(server.server.headersTimeout).toBe(HEADERS_TIMEOUT_MS);
    expect(server.server.requestTimeout).toBe(REQUEST_TIMEOUT_MS);
    expect(REQUEST_TIMEOUT_MS).toBeLessThanOrEqual(60_000);
  });

  it('a repeated Authorization header reaches the app as one list instead of only its first copy', async () => {
    const twice = 'GET /api/x HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer good\r\nAuthorization: Bearer other\r\n';

    await rawExchange(server.port, `${twice}Connection: close\r\n\r\n`);

    expect(seen[0]?.headers['authorization']).toBe('Bearer good, Bearer other');
  });

  it('repeated cookies are joined as one Cookie header', async () => {
    await rawExchange(
      server.port,
      'GET /api/x HTTP/1.1\r\nHost: a\r\nCookie: a=1\r\nCookie: b=2\r\nConnection: close\r\n\r\n',
    );

    expect(seen[0]?.headers['cookie']).toBe('a=1; b=2');
  });
});

describe('answerClientError', () => {
  it('a body that never arrives in full gets 408 request_timeout instead of waiting five minutes', async () => {
    const plain = createServer({ requestTimeout: 300, connectionsCheckingInterval: 50 }, (req, res) => {
      req.on('end', () => res.end()).resume();
    });
    plain.on('clientError', answerClientError);
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    const { port } = plain.address() as AddressInfo;

    try {
      const lying = 'POST /api/x HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n{}';

      expectProblem(await rawExchange(port, lying), 408, 'request_timeout');
    } finally {
      plain.closeAllConnections();
      await new Promise((resolve) => plain.close(resolve));
    }
  });
});
