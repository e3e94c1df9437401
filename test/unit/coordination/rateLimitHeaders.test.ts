import { rateLimitHeaders, retryAfterSeconds } from '../../../shared/coordination/rateLimitHeaders';
import type { QuotaUsage } from '../../../shared/coordination/rateLimiter';
import type { RateLimitPolicy } from '../../../shared/coordination/rateLimitPolicy';

const userPolicy: RateLimitPolicy = {
  name: 'write-user',
  rateClass: 'write',
  scope: 'user',
  quota: 10,
  windowSeconds: 60,
};
const appPolicy: RateLimitPolicy = {
  name: 'write-app',
  rateClass: 'write',
  scope: 'app',
  quota: 100,
  windowSeconds: 60,
};

describe('rateLimitHeaders', () => {
  it('lists each policy with quota and window, and its remaining requests and reset', () => {
    const headers = rateLimitHeaders([
      { policy: userPolicy, allowed: true, remaining: 7, resetSeconds: 42 },
      { policy: appPolicy, allowed: true, remaining: 90, resetSeconds: 42 },
    ]);

    expect(headers).toEqual({
      'ratelimit-policy': '"write-user";q=10;w=60, "write-app";q=100;w=60',
      ratelimit: '"write-user";r=7;t=42, "write-app";r=90;t=42',
    });
  });

  it('sends no headers when no quota applied', () => {
    expect(rateLimitHeaders([])).toEqual({});
  });
});

describe('retryAfterSeconds', () => {
  const usage = (allowed: boolean, resetSeconds: number): QuotaUsage => ({
    policy: userPolicy,
    allowed,
    remaining: 0,
    resetSeconds,
  });

  it('waits for the latest reset among the spent quotas only', () => {
    expect(retryAfterSeconds([usage(false, 12), usage(true, 50), usage(false, 30)])).toBe(30);
  });

  it('never tells a client to retry in less than one second', () => {
    expect(retryAfterSeconds([usage(false, 0)])).toBe(1);
  });
});
