import type { Principal } from '../auth/principal';
import type { Config } from '../config/schema';
import type { EndpointSpec } from '../http/endpoint';

/** A rate-limit class an endpoint declares, other than 'none'. */
export type RateClass = Exclude<EndpointSpec['rateClass'], 'none'>;

/** Who a quota counts: one user (or app identity) in a tenant, or one client app in a tenant. */
export type RateScope = 'user' | 'app';

/** One quota: at most `quota` requests per `windowSeconds` for each key of its scope. */
export interface RateLimitPolicy {
  /** The policy identifier in RateLimit headers, `<class>-<scope>` ('write-user'). */
  name: string;
  rateClass: RateClass;
  scope: RateScope;
  quota: number;
  windowSeconds: number;
}

function perUserQuota(config: Readonly<Config>, rateClass: RateClass): number {
  if (rateClass === 'read') return config.rateLimitRead;
  if (rateClass === 'write') return config.rateLimitWrite;
  return config.rateLimitAdmin;
}

/**
 * The policies a request of `rateClass` counts against, user scope first: RATE_LIMIT_<CLASS> per user,
 * and RATE_LIMIT_APP_FACTOR times that per client app, both per RATE_LIMIT_WINDOW_SECONDS.
 */
export function rateLimitPolicies(config: Readonly<Config>, rateClass: RateClass): RateLimitPolicy[] {
  const quota = perUserQuota(config, rateClass);
  const windowSeconds = config.rateLimitWindowSeconds;
  return [
    { name: `${rateClass}-user`, rateClass, scope: 'user', quota, windowSeconds },
    { name: `${rateClass}-app`, rateClass, scope: 'app', quota: quota * config.rateLimitAppFactor, windowSeconds },
  ];
}

/**
 * The counter key of `principal` under a policy of `scope`, from the validated token only (tenant id,
 * object id, client app id), never from client-supplied headers such as X-Forwarded-For.
 */
export function rateLimitSubject(scope: RateScope, principal: Principal): string {
  const id = scope === 'user' ? principal.objectId : principal.clientAppId;
  return `${principal.tenantId.toLowerCase()}:${id.toLowerCase()}`;
}
