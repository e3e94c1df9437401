import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from '../telemetry/logger';
import { reportRedisFallback } from './fallback';
import { redisKey } from './keys';
import type { RateLimitPolicy } from './rateLimitPolicy';
import type { RedisClient } from './redis';

/** The state of one quota after a request counted against it. */
export interface QuotaUsage {
  policy: RateLimitPolicy;
  /** False when this request went over the quota. */
  allowed: boolean;
  /** Requests left in the current window, never below 0. */
  remaining: number;
  /** Whole seconds until the window resets (rounded up). */
  resetSeconds: number;
}

const memoryLimiters = new Map<string, RateLimiterMemory>();
const redisLimiters = new WeakMap<RedisClient, Map<string, RateLimiterRedis>>();

function limiterId(policy: RateLimitPolicy): string {
  return `${policy.name}:${policy.quota}:${policy.windowSeconds}`;
}

function limiterOptions(policy: RateLimitPolicy) {
  return { points: policy.quota, duration: policy.windowSeconds, keyPrefix: redisKey('rl', policy.name) };
}

function memoryLimiter(policy: RateLimitPolicy): RateLimiterMemory {
  const id = limiterId(policy);
  let limiter = memoryLimiters.get(id);
  if (limiter === undefined) {
    limiter = new RateLimiterMemory(limiterOptions(policy));
    memoryLimiters.set(id, limiter);
  }
  return limiter;
}

function redisLimiter(client: RedisClient, policy: RateLimitPolicy): RateLimiterRedis {
  let byPolicy = redisLimiters.get(client);
  if (byPolicy === undefined) {
    byPolicy = new Map();
    redisLimiters.set(client, byPolicy);
  }
  const id = limiterId(policy);
  let limiter = byPolicy.get(id);
  if (limiter === undefined) {
    const options = { ...limiterOptions(policy), storeClient: client, useRedisPackage: true };
    limiter = new RateLimiterRedis({ ...options, rejectIfRedisNotReady: true });
    byPolicy.set(id, limiter);
  }
  return limiter;
}

function usageOf(policy: RateLimitPolicy, res: RateLimiterRes, allowed: boolean): QuotaUsage {
  const resetSeconds = Math.max(0, Math.ceil(res.msBeforeNext / 1000));
  return { policy, allowed, remaining: Math.max(0, res.remainingPoints), resetSeconds };
}

async function consumeWith(limiter: RateLimiterAbstract, policy: RateLimitPolicy, subject: string) {
  try {
    return usageOf(policy, await limiter.consume(subject), true);
  } catch (outcome) {
    // rate-limiter-flexible rejects with a RateLimiterRes when the quota is spent, an Error otherwise.
    if (outcome instanceof RateLimiterRes) return usageOf(policy, outcome, false);
    throw outcome;
  }
}

/**
 * Counts one request of `subject` against `policy`: in Redis when `redis` is given (shared by every
 * instance), else in this process. When Redis fails (down, timeout) the request is counted by an
 * in-process limiter with the same quota instead (fail open, per instance) and a warning is logged.
 * @throws only for faults of the in-process limiter itself.
 */
export async function consumeQuota(
  policy: RateLimitPolicy,
  subject: string,
  redis: RedisClient | undefined,
  log: Logger,
): Promise<QuotaUsage> {
  if (redis === undefined) return consumeWith(memoryLimiter(policy), policy, subject);
  try {
    return await consumeWith(redisLimiter(redis, policy), policy, subject);
  } catch (error) {
    reportRedisFallback('rate-limit', error, log);
    return consumeWith(memoryLimiter(policy), policy, subject);
  }
}
