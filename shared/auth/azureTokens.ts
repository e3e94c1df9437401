import type { AccessToken, TokenCredential } from '@azure/identity';
import { decodeJwt } from 'jose';

/** Entra scope of Azure Database for PostgreSQL flexible server. */
export const POSTGRES_ENTRA_SCOPE = 'https://ossrdbms-aad.database.windows.net/.default';

/** Entra scope of Azure Cache for Redis / Azure Managed Redis. */
export const REDIS_ENTRA_SCOPE = 'https://redis.azure.com/.default';

/** A cached, self-refreshing source of Entra access tokens for one scope. */
export interface EntraTokenProvider {
  /** A token valid for at least the refresh margin; fetched only when the cached one is about to expire. */
  token(): Promise<string>;
  /**
   * Calls `listener` with every new token from now on and keeps one fresh in the background (a refresh
   * `refreshMarginMs` before expiry), for connections that must re-authenticate (Redis AUTH).
   * @returns a function that removes the listener; the background refresh stops with the last one.
   */
  onToken(listener: (token: string) => void): () => void;
}

/** Timing of an EntraTokenProvider, in milliseconds. */
export interface EntraTokenTimings {
  /** Refresh this long before a token expires (default 5 minutes). */
  refreshMarginMs: number;
  /** After a failed background refresh, try again this soon (default 30 s). */
  retryMs: number;
}

const DEFAULT_TIMINGS: EntraTokenTimings = { refreshMarginMs: 5 * 60_000, retryMs: 30_000 };

/** Thrown when the credential yields no token for the scope. */
export class EntraTokenUnavailable extends Error {
  constructor(readonly scope: string) {
    super(`No Entra token for ${scope}: check the managed identity or the signed-in developer account`);
    this.name = 'EntraTokenUnavailable';
  }
}

function refreshAt(token: AccessToken, timings: EntraTokenTimings): number {
  const beforeExpiry = token.expiresOnTimestamp - timings.refreshMarginMs;
  return Math.min(token.refreshAfterTimestamp ?? beforeExpiry, beforeExpiry);
}

/**
 * Tokens for `scope` from `credential` (DefaultAzureCredential, ManagedIdentityCredential, ...), cached
 * until `refreshMarginMs` before expiry (or the credential's refreshAfterTimestamp); concurrent callers
 * share one request. Plug in as PostgreSQL's password callback or as Redis credentials.
 */
export function entraTokenProvider(
  credential: TokenCredential,
  scope: string,
  timings: EntraTokenTimings = DEFAULT_TIMINGS,
): EntraTokenProvider {
  let cached: AccessToken | undefined;
  let inflight: Promise<AccessToken> | undefined;
  const listeners = new Set<(token: string) => void>();
  let timer: NodeJS.Timeout | undefined;

  const fetchToken = async (): Promise<AccessToken> => {
    const token = await credential.getToken(scope);
    if (token === null) throw new EntraTokenUnavailable(scope);
    cached = token;
    listeners.forEach((listener) => listener(token.token));
    schedule(refreshAt(token, timings) - Date.now());
    return token;
  };

  const refresh = (): Promise<AccessToken> => {
    inflight ??= fetchToken().finally(() => (inflight = undefined));
    return inflight;
  };

  const current = (): Promise<AccessToken> => {
    if (cached !== undefined && Date.now() < refreshAt(cached, timings)) return Promise.resolve(cached);
    return refresh();
  };

  function schedule(delayMs: number): void {
    clearTimeout(timer);
    if (listeners.size === 0) return;
    timer = setTimeout(() => refresh().catch(() => schedule(timings.retryMs)), Math.max(delayMs, 0));
    timer.unref();
  }

  return {
    token: async () => (await current()).token,
    onToken(listener) {
      listeners.add(listener);
      if (cached !== undefined) schedule(refreshAt(cached, timings) - Date.now());
      else current().catch(() => schedule(timings.retryMs));
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) clearTimeout(timer);
      };
    },
  };
}

/**
 * The user name Azure Cache for Redis expects with an Entra token: the object id (`oid`) of the identity
 * the token was issued to. The token is only decoded, never trusted for anything else.
 */
export function entraObjectId(token: string): string {
  const { oid } = decodeJwt(token);
  if (typeof oid !== 'string') throw new Error('The Entra token carries no oid claim');
  return oid;
}
