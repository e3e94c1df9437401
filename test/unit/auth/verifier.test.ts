import { IdentityProviderUnavailable } from '../../../shared/auth/discovery';
import { IssuerConfigMismatch } from '../../../shared/auth/issuer';
import { createTokenVerifier, TokenRefused, type VerifierSettings } from '../../../shared/auth/verifier';
import { hmacWithPublicKey, tampered, unsigned } from '../../support/attackTokens';
import { startIdentityServer, type IdentityServer } from '../../support/identityServer';
import type { DevTokenOptions } from '../../../devhost/identity/provider';

const OTHER_TENANT = '0a7c1e52-93d4-4b6f-8a21-6e0f4d3c2b19';
const KEYS_PATH = '/discovery/v2.0/keys';

let idp: IdentityServer;

beforeAll(async () => {
  idp = await startIdentityServer();
});
afterAll(() => idp.close());

function settings(overrides: Partial<VerifierSettings> = {}): VerifierSettings {
  return {
    metadataUrl: idp.provider.metadataUrl,
    audiences: [idp.provider.audience],
    tenantIds: undefined,
    clockSkewSeconds: 60,
    maxTokenLifetimeSeconds: 86_400,
    jwksCooldownSeconds: 30,
    ...overrides,
  };
}

const token = (options: DevTokenOptions = {}) => idp.provider.issueToken({ user: 'alice', ...options });

async function refusal(verify: (t: string) => Promise<unknown>, t: string): Promise<string> {
  const error: unknown = await verify(t).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof TokenRefused)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error.reason;
}

describe('a token of the configured identity provider', () => {
  const verify = () => createTokenVerifier(settings());

  it('verifies and yields its claims', async () => {
    const claims = await verify()(await token({ roles: ['Signoff.Reader'] }));
    expect(claims).toMatchObject({ tid: idp.provider.tenantId, roles: ['Signoff.Reader'], ver: '2.0' });
  });

  it('verifies in its v1 form with the sts.windows.net issuer', async () => {
    const claims = await verify()(await token({ version: '1.0', amr: ['pwd', 'mfa'] }));
    expect(claims.iss).toBe(`https://sts.windows.net/${idp.provider.tenantId}/`);
  });

  it('verifies when it expired less than the clock skew ago', async () => {
    await expect(verify()(await token({ issuedAtOffsetSeconds: -600, ttlSeconds: 570 }))).resolves.toBeDefined();
  });

  it('verifies for any of the accepted audiences', async () => {
    const verifier = createTokenVerifier(settings({ audiences: ['api://signoff', idp.provider.audience] }));
    await expect(verifier(await token({ audience: 'api://signoff' }))).resolves.toBeDefined();
  });
});

describe('refusals', () => {
  let verify: ReturnType<typeof createTokenVerifier>;
  beforeAll(() => {
    verify = createTokenVerifier(settings());
  });

  it.each<[string, () => Promise<string>, string]>([
    ['expired beyond the skew', () => token({ issuedAtOffsetSeconds: -3600, ttlSeconds: 3000 }), 'expired'],
    ['not yet valid', () => token({ notBeforeOffsetSeconds: 600 }), 'claims'],
    ['issued in the future', () => token({ issuedAtOffsetSeconds: 600 }), 'claims'],
    ['for another audience', () => token({ audience: 'api://someone-else' }), 'claims'],
    ['from another issuer', () => token({ issuer: 'https://login.microsoftonline.com/x/v2.0' }), 'issuer'],
    ['whose tid disagrees with its iss', () => token({ claims: { tid: OTHER_TENANT } }), 'issuer'],
    ['of a tenant the single-tenant issuer does not name', () => token({ tenant: OTHER_TENANT }), 'issuer'],
    ['living longer than the longest lifetime', () => token({ ttlSeconds: 90_000 }), 'lifetime'],
    ['with a kid the key set lacks', () => token({ kid: 'not-a-published-key' }), 'unknown_key'],
    ['with alg none', async () => unsigned(await token()), 'signature'],
    ['signed HS256 with the RSA public key', async () => hmacWithPublicKey(await token(), idp.keyDir), 'signature'],
    ['with a tampered payload', async () => tampered(await token(), { roles: ['Signoff.Admin'] }), 'signature'],
    ['without an oid', () => token({ claims: { oid: undefined } }), 'claims'],
  ])('refuses a token %s', async (_case, make, reason) => {
    expect(await refusal(verify, await make())).toBe(reason);
  });
});

describe('tenants', () => {
  const multiTenant = () => `${idp.baseUrl}/devhost/idp/organizations/v2.0/.well-known/openid-configuration`;

  it('accepts every allowed tenant of multi-tenant metadata with its own issuer', async () => {
    const verify = createTokenVerifier(
      settings({ metadataUrl: multiTenant(), tenantIds: [idp.provider.tenantId, OTHER_TENANT] }),
    );
    await expect(verify(await token({ tenant: OTHER_TENANT }))).resolves.toMatchObject({ tid: OTHER_TENANT });
    await expect(verify(await token())).resolves.toMatchObject({ tid: idp.provider.tenantId });
  });

  it('refuses a tenant outside the allow-list even with a correct issuer', async () => {
    const verify = createTokenVerifier(settings({ metadataUrl: multiTenant(), tenantIds: [idp.provider.tenantId] }));
    expect(await refusal(verify, await token({ tenant: OTHER_TENANT }))).toBe('tenant');
  });

  it('refuses to guess the tenants of multi-tenant metadata without an allow-list', async () => {
    const verify = createTokenVerifier(settings({ metadataUrl: multiTenant() }));
    await expect(verify(await token())).rejects.toBeInstanceOf(IssuerConfigMismatch);
  });
});

describe('key set fetching', () => {
  it('refetches once for a flood of unknown kids and not again within the cooldown', async () => {
    const verify = createTokenVerifier(settings({ jwksCooldownSeconds: 1 }));
    await verify(await token());
    const before = idp.hits(KEYS_PATH);
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const flood = await Promise.all(Array.from({ length: 25 }, (_, i) => token({ kid: `unknown-${i}` })));
    const reasons = await Promise.all(flood.map((t) => refusal(verify, t)));
    const second = await Promise.all(flood.map((t) => refusal(verify, t)));

    expect(new Set([...reasons, ...second])).toEqual(new Set(['unknown_key']));
    expect(idp.hits(KEYS_PATH) - before).toBe(1);
  });

  it('picks up a rotated key with one refetch after the cooldown', async () => {
    const verify = createTokenVerifier(settings({ jwksCooldownSeconds: 0 }));
    await verify(await token());
    await idp.provider.rotateKey();
    const before = idp.hits(KEYS_PATH);

    await expect(verify(await token())).resolves.toBeDefined();
    expect(idp.hits(KEYS_PATH) - before).toBe(1);
  });

  it('reports an unreachable identity provider as unavailable, not as a bad token', async () => {
    const verify = createTokenVerifier(
      settings({ metadataUrl: 'http://127.0.0.1:1/.well-known/openid-configuration' }),
    );
    await expect(verify(await token())).rejects.toBeInstanceOf(IdentityProviderUnavailable);
  });
});
