import { SignJWT } from 'jose';
import {
  entraObjectId,
  entraTokenProvider,
  EntraTokenUnavailable,
  POSTGRES_ENTRA_SCOPE,
} from '../../../shared/auth/azureTokens';
import { StandInCredential } from '../../support/tokenCredential';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const MINUTE = 60_000;

describe('entraTokenProvider', () => {
  it('asks the credential for the scope once and serves the cached token while it is fresh', async () => {
    const credential = new StandInCredential(60 * MINUTE);
    const provider = entraTokenProvider(credential, POSTGRES_ENTRA_SCOPE);

    expect(await provider.token()).toBe('token-1');
    expect(await provider.token()).toBe('token-1');
    expect(credential.requests).toEqual([POSTGRES_ENTRA_SCOPE]);
  });

  it('shares one credential request between concurrent callers', async () => {
    const credential = new StandInCredential(60 * MINUTE, 20);
    const provider = entraTokenProvider(credential, POSTGRES_ENTRA_SCOPE);

    const tokens = await Promise.all([provider.token(), provider.token(), provider.token()]);
    expect(tokens).toEqual(['token-1', 'token-1', 'token-1']);
    expect(credential.requests).toHaveLength(1);
  });

  it('fetches a new token once the cached one is within the refresh margin of expiry', async () => {
    const credential = new StandInCredential(4 * MINUTE);
    const provider = entraTokenProvider(credential, POSTGRES_ENTRA_SCOPE);

    expect(await provider.token()).toBe('token-1');
    expect(await provider.token()).toBe('token-2');
  });

  it('refreshes in the background before expiry and tells the listeners', async () => {
    const credential = new StandInCredential(300);
    const provider = entraTokenProvider(credential, POSTGRES_ENTRA_SCOPE, { refreshMarginMs: 200, retryMs: 50 });
    const seen: string[] = [];

    const stop = provider.onToken((token) => seen.push(token));
    await sleep(350);
    stop();
    const count = seen.length;
    await sleep(250);

    expect(seen.slice(0, 3)).toEqual(['token-1', 'token-2', 'token-3']);
    expect(seen).toHaveLength(count);
  });

  it('retries a failed background refresh and recovers', async () => {
    const credential = new StandInCredential(300);
    const provider = entraTokenProvider(credential, POSTGRES_ENTRA_SCOPE, { refreshMarginMs: 250, retryMs: 30 });
    const seen: string[] = [];
    credential.failing = true;

    const stop = provider.onToken((token) => seen.push(token));
    await sleep(100);
    credential.failing = false;
    await sleep(100);
    stop();

    expect(seen.length).toBeGreaterThan(0);
    expect(credential.requests.length).toBeGreaterThan(seen.length);
  });

  it('fails with a clear error when the credential has no token', async () => {
    const credential = new StandInCredential(60 * MINUTE);
    credential.returnsNull = true;
    await expect(entraTokenProvider(credential, POSTGRES_ENTRA_SCOPE).token()).rejects.toBeInstanceOf(
      EntraTokenUnavailable,
    );
  });
});

describe('entraObjectId', () => {
  it('reads the oid a Redis user name must be', async () => {
    const token = await new SignJWT({ oid: 'f00d' }).setProtectedHeader({ alg: 'HS256' }).sign(new Uint8Array(32));
    expect(entraObjectId(token)).toBe('f00d');
  });
});
