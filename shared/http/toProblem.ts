import { OptimisticLockError, DriverException, ConnectionException } from '@mikro-orm/core';
import { isDependencyUnavailable } from './dependencyUnavailable';
import { Problem } from './problem';

/**
 * Maps anything thrown below a handler to the problem the caller sees. Known failures get their own code
 * (PostgreSQL down, restarting or out of connections: `unavailable`, 503 with Retry-After); everything
 * else becomes `internal` (500) with no detail of what went wrong.
 */
export function toProblem(error: unknown): { problem: Problem; unexpected: boolean } {
  if (error instanceof Problem) return { problem: error, unexpected: false };
  if (error instanceof OptimisticLockError) return { problem: new Problem('version_conflict'), unexpected: false };
  if (error instanceof ConnectionException || isDependencyUnavailable(error)) {
    return { problem: new Problem('unavailable', { headers: { 'retry-after': '5' } }), unexpected: true };
  }
  if (error instanceof DriverException && error.code === '40001') {
    return { problem: new Problem('version_conflict'), unexpected: false };
  }
  return { problem: new Problem('internal'), unexpected: true };
}
