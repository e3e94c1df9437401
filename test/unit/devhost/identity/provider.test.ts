import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { createDevIdentityProvider, signDevToken } from '../../../../devhost/identity/provider';
import { KEY_FILE, loadSigningKeys } from '../../../../devhost/identity/keyStore';
import { startIdentityServer, type IdentityServer } from '../../../support/identityServer';

let idp: IdentityServer;

beforeAll(async () => {
  idp = await startIdentityServer();
});
afterAll(() => idp.close());

const get = (path: string) => fetch(`${idp.baseUrl}${path}`);

describe('the dev identity provider', () => {
  it('serves an OIDC discovery document for its tenant', async () => {
    const document = await (await fetch(idp.provider.metadataUrl)).json();
    expect(document).toMatchObject({
      issuer: `https://login.devhost.invalid/${idp.provider.tenantId}/v2.0`,
      jwks_uri: `${idp.baseUrl}/devhost/idp/${idp.provider.tenantId}/discovery/v2.0/keys`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
  });

  it('serves multi-tenant metadata with the {tenantid} placeholder for organizations', async () => {
    const response = await get('/devhost/idp/organizations/v2.0/.well-known/openid-configuration');
    expect(await response.json()).toMatchObject({ issuer: 'https://login.devhost.invalid/{tenantid}/v2.0' });
  });

  it('publishes only the public part of its keys', async () => {
    const { keys } = (await (await get(`/devhost/idp/any/discovery/v2.0/keys`)).json()) as { keys: object[] };
    expect(keys).toHaveLength(1);
    expect(Object.keys(keys[0]!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
  });

  it('answers 404 for other paths below its prefix and leaves the rest of the devhost alone', async () => {
    expect((await get('/devhost/idp/x/oauth2/v2.0/authorize')).status).toBe(404);
    const handled = idp.provider.handle({ url: '/api/v1/me', method: 'GET' } as never, {} as never);
    expect(handled).toBe(false);
  });

  it('signs with the key it publishes', async () => {
    const token = await idp.provider.issueToken({});
    const [key] = await loadSigningKeys(idp.keyDir);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', typ: 'JWT', kid: key!.kid });
  });
});

describe('the key directory', () => {
  it('keeps the key pair so another process signs with the same key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'signoff-keys-'));
    try {
      const first = await createDevIdentityProvider({ baseUrl: 'http://127.0.0.1:1', keyDir: dir });
      const kid = decodeProtectedHeader(await first.issueToken({})).kid;
      const fromCli = await signDevToken(dir, {}, { tenantId: first.tenantId, audience: first.audience });
      expect(decodeProtectedHeader(fromCli).kid).toBe(kid);
      expect(JSON.parse(await readFile(join(dir, KEY_FILE), 'utf8')).keys).toHaveLength(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('creates one key even when several processes start at once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'signoff-keys-'));
    try {
      const sets = await Promise.all(Array.from({ length: 5 }, () => loadSigningKeys(dir)));
      expect(new Set(sets.map(([key]) => key!.kid)).size).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('signs with the new key after a rotation and still publishes the old one', async () => {
    const before = await loadSigningKeys(idp.keyDir);
    await idp.provider.rotateKey();
    const after = await loadSigningKeys(idp.keyDir);

    expect(after.map((k) => k.kid).slice(0, before.length)).toEqual(before.map((k) => k.kid));
    expect(decodeProtectedHeader(await idp.provider.issueToken({})).kid).toBe(after[after.length - 1]!.kid);
  });
});
