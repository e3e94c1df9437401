import { Agent, request as httpRequest } from 'node:http';
import { startDevServer, type DevServer } from '../../../devhost/server';

interface Reply {
  status: number;
  connection: string | undefined;
}

function get(server: DevServer, agent: Agent, path: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}${path}`, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers['connection'] }));
    });
    req.on('error', reject);
    req.end();
  });
}

const ok = { status: 200, headers: { 'content-type': 'text/plain' }, body: Buffer.from('done') };

function deferred() {
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  return { gate, release };
}

describe('DevServer.close', () => {
  let agent: Agent;

  beforeEach(() => (agent = new Agent({ keepAlive: true, maxSockets: 1 })));
  afterEach(() => agent.destroy());

  it('resolves only after a handler in flight has returned, and answers it with the connection closed', async () => {
    const server = await startDevServer(0);
    const { gate, release } = deferred();
    let handlerReturned = false;
    server.setDispatch(async () => {
      await gate;
      handlerReturned = true;
      return ok;
    });
    const slow = get(server, agent, '/slow');
    await new Promise((resolve) => setTimeout(resolve, 50));

    let closed = false;
    const closing = server.close(5000).then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    release();
    await closing;

    expect(handlerReturned).toBe(true);
    expect(await slow).toEqual({ status: 200, connection: 'close' });
  });

  it('never hands the app a request sent after closing began: it is refused or answered 503', async () => {
    const server = await startDevServer(0);
    const { gate, release } = deferred();
    const seen: string[] = [];
    server.setDispatch(async (req) => {
      seen.push(req.url);
      if (req.url === '/slow') await gate;
      return ok;
    });
    const other = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect((await get(server, other, '/warm')).status).toBe(200);
      const slow = get(server, agent, '/slow');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const closing = server.close(5000);
      const late = await get(server, other, '/late').catch(() => ({ status: 0, connection: undefined }));
      release();
      await closing;
      await slow;

      expect([503, 0]).toContain(late.status);
      expect(seen).toEqual(['/warm', '/slow']);
    } finally {
      other.destroy();
    }
  });

  it('after the grace period answers what is still unanswered with 503 and stops anyway', async () => {
    const server = await startDevServer(0);
    server.setDispatch(() => new Promise(() => {}));
    const stuck = get(server, agent, '/stuck');
    await new Promise((resolve) => setTimeout(resolve, 50));

    await server.close(200);

    expect(await stuck).toEqual({ status: 503, connection: 'close' });
  });
});
