import type { Principal } from '../auth/principal';
import { getConfig } from '../config/load';
import type { EndpointSpec } from '../http/endpoint';
import { Problem } from '../http/problem';
import type { Logger } from '../telemetry/logger';
import { rateLimitHeaders, retryAfterSeconds } from './rateLimitHeaders';
import { rateLimitPolicies, rateLimitSubject } from './rateLimitPolicy';
import { consumeQuota } from './rateLimiter';
import { getRedis } from './redis';

/**
 * Pipeline step 4: counts the request against the quotas of the endpoint's rate class, per user and
 * per client app within the tenant, and returns the RateLimit headers every response of this request
 * carries. Endpoints of class 'none' and calls without a principal are not limited (no headers).
 * @throws Problem rate_limited (429) with Retry-After and the RateLimit headers when a quota is spent.
 */
export async function enforceRateLimit(
  spec: Pick<EndpointSpec, 'rateClass'>,
  principal: Principal | undefined,
  log: Logger,
): Promise<Record<string, string>> {
  if (spec.rateClass === 'none' || principal === undefined) return {};

  const redis = await getRedis();
  const policies = rateLimitPolicies(getConfig(), spec.rateClass);
  const usages = await Promise.all(
    policies.map((policy) => consumeQuota(policy, rateLimitSubject(policy.scope, principal), redis, log)),
  );

  const headers = rateLimitHeaders(usages);
  if (usages.every((usage) => usage.allowed)) return headers;
  const retryAfter = String(retryAfterSeconds(usages));
  throw new Problem('rate_limited', { headers: { ...headers, 'retry-after': retryAfter } });
}
