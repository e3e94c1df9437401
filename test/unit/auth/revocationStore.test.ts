import { memoryRevocationStore } from '../../../shared/auth/revocationStore';
import { assertNotRevoked } from '../../../shared/auth/revocation';
import { createLogger } from '../../../shared/telemetry/logger';
import { testPrincipal } from '../../support/principal';

const log = createLogger(() => undefined);
const principal = testPrincipal({ tenantId: 'T', objectId: 'O', issuedAt: 100 });

describe('memoryRevocationStore', () => {
  it('remembers a revocation per tenant and user, case-insensitively, until it expires', async () => {
    let now = 0;
    const store = memoryRevocationStore(() => now);
    await store.revoke('t', 'o', 100, 60);

    expect(await store.revokedAt('T', 'O')).toBe(100);
    expect(await store.revokedAt('t', 'other')).toBeUndefined();
    now = 60_000;
    expect(await store.revokedAt('t', 'o')).toBeUndefined();
  });
});

describe('assertNotRevoked', () => {
  it('refuses a token issued in the second of the revocation or before', async () => {
    const store = memoryRevocationStore();
    await store.revoke('t', 'o', 100, 60);
    await expect(assertNotRevoked(principal, log, store)).rejects.toMatchObject({ code: 'token_revoked' });
  });

  it('accepts a token issued after the revocation', async () => {
    const store = memoryRevocationStore();
    await store.revoke('t', 'o', 99, 60);
    await expect(assertNotRevoked(principal, log, store)).resolves.toBeUndefined();
  });

  it('fails closed with 503 when the store cannot answer', async () => {
    const broken = { revokedAt: () => Promise.reject(new Error('down')), revoke: () => Promise.resolve() };
    await expect(assertNotRevoked(principal, log, broken)).rejects.toMatchObject({ code: 'unavailable', status: 503 });
  });
});
