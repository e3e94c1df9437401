import { createServer, type Server } from 'node:http';
import { createDiscovery, IdentityProviderUnavailable } from '../../../shared/auth/discovery';

let server: Server;
let url: string;
let hits = 0;
let answer: { status: number; body: unknown } = { status: 200, body: {} };

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits += 1;
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/.well-known/openid-configuration`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  hits = 0;
  answer = { status: 200, body: { issuer: 'https://idp/{tenantid}/v2.0', jwks_uri: 'https://idp/keys', x: 1 } };
});

const timings = { timeoutMs: 1000, maxAgeMs: 60_000, failureCooldownMs: 60_000 };

describe('createDiscovery', () => {
  it('fetches the document once for many concurrent and later callers', async () => {
    const discover = createDiscovery(url, timings);
    const documents = await Promise.all([discover(), discover(), discover()]);
    await discover();

    expect(documents[0]).toEqual({ issuer: 'https://idp/{tenantid}/v2.0', jwks_uri: 'https://idp/keys' });
    expect(hits).toBe(1);
  });

  it('refetches once the document is older than its max age', async () => {
    const discover = createDiscovery(url, { ...timings, maxAgeMs: 0 });
    await discover();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await discover();
    expect(hits).toBe(2);
  });

  it('reports an error answer as unavailable and repeats it without refetching during the cooldown', async () => {
    answer = { status: 500, body: {} };
    const discover = createDiscovery(url, timings);
    await expect(discover()).rejects.toBeInstanceOf(IdentityProviderUnavailable);
    await expect(discover()).rejects.toBeInstanceOf(IdentityProviderUnavailable);
    expect(hits).toBe(1);
  });

  it('refuses a document without jwks_uri', async () => {
    answer = { status: 200, body: { issuer: 'https://idp' } };
    await expect(createDiscovery(url, timings)()).rejects.toThrow('not a discovery document');
  });

  it('keeps using the last good document when a refresh fails', async () => {
    const discover = createDiscovery(url, { ...timings, maxAgeMs: 0 });
    const first = await discover();
    answer = { status: 503, body: {} };
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await discover()).toEqual(first);
  });
});
