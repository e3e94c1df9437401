import type { LeaseStore } from './leaseStore';
import type { RedisClient } from './redis';

// Leases are members of a sorted set scored by their expiry (Redis server time, ms). One script drops
// the expired ones, counts the rest and adds the new one atomically, so no two callers can both take
// the last place. The key itself expires with its newest lease.
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
`;

/**
 * A lease store in Redis, shared by every instance. Release removes only the caller's own token
 * (ZREM of that member), so a holder whose lease expired can never release someone else's.
 */
export function redisLeaseStore(client: RedisClient): LeaseStore {
  return {
    async tryAcquire(key, token, capacity, ttlMs) {
      const taken = await client.eval(ACQUIRE, { keys: [key], arguments: [token, String(capacity), String(ttlMs)] });
      return taken === 1;
    },
    async release(key, token) {
      await client.zRem(key, token);
    },
  };
}
