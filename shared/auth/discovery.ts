import { Type, type Static } from '@sinclair/typebox';
import { ajv } from '../http/validation';

/** The part of an OpenID Connect discovery document Signoff uses. */
export const OidcMetadataSchema = Type.Object({
  issuer: Type.String({ minLength: 1 }),
  jwks_uri: Type.String({ format: 'uri' }),
});

/** Issuer (possibly with the {tenantid} placeholder) and key set location of the identity provider. */
export type OidcMetadata = Static<typeof OidcMetadataSchema>;

/** Thrown when the identity provider's metadata cannot be fetched or is not a discovery document. */
export class IdentityProviderUnavailable extends Error {
  constructor(readonly reason: string) {
    super(`Identity provider metadata unavailable: ${reason}`);
    this.name = 'IdentityProviderUnavailable';
  }
}

/** How discovery documents are fetched and cached; milliseconds. */
export interface DiscoveryTimings {
  timeoutMs: number;
  /** A fetched document is used this long before it is fetched again. */
  maxAgeMs: number;
  /** After a failed fetch, callers get the same failure this long instead of a new fetch each. */
  failureCooldownMs: number;
}

/** Defaults: a 5 s timeout, refresh daily, one retry per 5 s while the provider is down. */
export const DEFAULT_DISCOVERY_TIMINGS: DiscoveryTimings = {
  timeoutMs: 5_000,
  maxAgeMs: 24 * 3_600_000,
  failureCooldownMs: 5_000,
};

const validate = ajv.compile<OidcMetadata>(OidcMetadataSchema);

async function fetchMetadata(url: string, timeoutMs: number): Promise<OidcMetadata> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (error) {
    throw new IdentityProviderUnavailable(error instanceof Error ? error.name : 'fetch failed');
  }
  if (!response.ok) throw new IdentityProviderUnavailable(`status ${response.status}`);

  const body: unknown = await response.json().catch(() => undefined);
  if (!validate(body)) throw new IdentityProviderUnavailable('not a discovery document');
  return { issuer: body.issuer, jwks_uri: body.jwks_uri };
}

/**
 * A cached reader of the discovery document at `url`: concurrent callers share one fetch and a document
 * is reused for `maxAgeMs`. When a refresh fails the previous document stays in use; with none, the
 * failure is shared for `failureCooldownMs` so a down provider sees one fetch per cooldown.
 * @returns a function that resolves to the metadata or rejects with IdentityProviderUnavailable.
 */
export function createDiscovery(url: string, timings: DiscoveryTimings = DEFAULT_DISCOVERY_TIMINGS) {
  let last: OidcMetadata | undefined;
  let freshUntil = 0;
  let failure: { error: unknown; until: number } | undefined;
  let inflight: Promise<OidcMetadata> | undefined;

  const settle = (metadata: OidcMetadata): OidcMetadata => {
    last = metadata;
    freshUntil = Date.now() + timings.maxAgeMs;
    failure = undefined;
    return metadata;
  };
  const fail = (error: unknown): OidcMetadata => {
    failure = { error, until: Date.now() + timings.failureCooldownMs };
    if (last === undefined) throw error;
    freshUntil = failure.until;
    return last;
  };

  return async (): Promise<OidcMetadata> => {
    if (last !== undefined && Date.now() < freshUntil) return last;
    if (last === undefined && failure !== undefined && Date.now() < failure.until) throw failure.error;
    inflight ??= fetchMetadata(url, timings.timeoutMs)
      .then(settle, fail)
      .finally(() => (inflight = undefined));
    return inflight;
  };
}
