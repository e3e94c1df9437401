import { createServer, type Server } from 'node:http';
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { getMe } from '../../../functions/me';
import { getConfig } from '../../../shared/config/load';
import { toHandler } from '../../../shared/http/pipeline';
import { startAuthEnvironment, type AuthEnvironment } from '../../support/authEnvironment';
import { useSettings } from '../../support/settings';

// A metadata URL that names one tenant, served by a relay answering with the provider's multi-tenant
// document: a mismatch loadConfig cannot see from the URL, only discovery can.
let env: AuthEnvironment;
let relay: Server;
let relayUrl: string;

beforeAll(async () => {
  env = await startAuthEnvironment({ LOG_LEVEL: 'info' });
  const upstream = `${env.idp.baseUrl}/devhost/idp/organizations/v2.0/.well-known/openid-configuration`;
  relay = createServer((_req, res) => {
    fetch(upstream)
      .then((answer) => answer.text())
      .then((text) => res.writeHead(200, { 'content-type': 'application/json' }).end(text));
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  const { port } = relay.address() as { port: number };
  relayUrl = `http://127.0.0.1:${port}/contoso.example/v2.0/.well-known/openid-configuration`;
});

afterAll(async () => {
  await new Promise((resolve) => relay.close(resolve));
  delete process.env['AUTH_TENANT_IDS'];
  await env.close();
});

async function callMe(lines: { level: string; message: unknown }[]): Promise<HttpResponseInit> {
  const token = await env.idp.provider.issueToken({ user: 'olga', roles: [] });
  const request = new HttpRequest({
    method: 'GET',
    url: 'http://127.0.0.1/api/v1/me',
    headers: { authorization: `Bearer ${token}` },
  });
  const logHandler = (level: string, message: unknown) => lines.push({ level, message });
  return (await toHandler(getMe)(request, new InvocationContext({ functionName: 'getMe', logHandler }))) as never;
}

describe('metadata that turns out multi-tenant while AUTH_TENANT_IDS is unset', () => {
  it('passes loadConfig, which cannot tell from the URL', () => {
    useSettings({ AUTH_METADATA_URL: relayUrl, AUTH_TENANT_IDS: undefined });
    expect(getConfig().authMetadataUrl).toBe(relayUrl);
  });

  it('answers 503 unavailable with Retry-After, never 500, and logs an error', async () => {
    useSettings({ AUTH_METADATA_URL: relayUrl, AUTH_TENANT_IDS: undefined });
    const lines: { level: string; message: unknown }[] = [];

    const answer = await callMe(lines);

    expect(answer.status).toBe(503);
    expect(JSON.parse(String(answer.body))).toMatchObject({ code: 'unavailable' });
    expect((answer.headers as Record<string, string>)['retry-after']).toBe('5');
    expect(lines).toContainEqual({ level: 'error', message: 'identity provider does not fit the configuration' });
    expect(lines.filter((line) => line.message === 'request failed')).toEqual([]);
  });

  it('accepts the same token once AUTH_TENANT_IDS lists its tenant', async () => {
    useSettings({ AUTH_METADATA_URL: relayUrl, AUTH_TENANT_IDS: env.idp.provider.tenantId });

    expect((await callMe([])).status).toBe(200);
  });
});
