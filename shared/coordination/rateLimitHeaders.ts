import type { QuotaUsage } from './rateLimiter';

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers) for `usages`, as lower-case
 * names: `ratelimit-policy: "write-user";q=120;w=60, ...` (quota, window in seconds) and
 * `ratelimit: "write-user";r=119;t=42, ...` (remaining, seconds until reset), one list member per policy.
 */
export function rateLimitHeaders(usages: readonly QuotaUsage[]): Record<string, string> {
  if (usages.length === 0) return {};
  const policies = usages.map(({ policy }) => `"${policy.name}";q=${policy.quota};w=${policy.windowSeconds}`);
  const limits = usages.map(
    ({ policy, remaining, resetSeconds }) => `"${policy.name}";r=${remaining};t=${resetSeconds}`,
  );
  return { 'ratelimit-policy': policies.join(', '), ratelimit: limits.join(', ') };
}

/** Seconds a rejected caller should wait: the latest reset among the spent quotas, at least 1. */
export function retryAfterSeconds(usages: readonly QuotaUsage[]): number {
  const spent = usages.filter((usage) => !usage.allowed).map((usage) => usage.resetSeconds);
  return Math.max(1, ...spent);
}
