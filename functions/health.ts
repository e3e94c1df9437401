import { Type } from '@sinclair/typebox';
import { databaseReachable } from '../shared/db/ping';
import { defineEndpoint, type EndpointSpec } from '../shared/http/endpoint';
import { Problem } from '../shared/http/problem';
import { registerEndpoints } from '../shared/http/register';

const HealthSchema = Type.Object(
  { status: Type.Literal('ok') },
  { $id: 'Health', additionalProperties: false, description: 'The process (or its dependencies) answer.' },
);

const NO_STORE = { 'cache-control': 'no-store' };

const probe = {
  method: 'GET',
  tags: ['health'],
  access: 'public',
  rateClass: 'none',
  idempotency: 'none',
  successStatus: 200,
} as const satisfies Partial<EndpointSpec>;

/** GET /api/v1/health: liveness; answers as long as the process can run a handler. */
export const getHealth = defineEndpoint({
  ...probe,
  name: 'getHealth',
  route: 'v1/health',
  summary: 'Check that the API process answers',
  schemas: { response: HealthSchema },
  handler: async () => ({ body: { status: 'ok' as const }, headers: NO_STORE }),
});

/** GET /api/v1/health/ready: readiness; 503 `unavailable` with Retry-After while PostgreSQL cannot be reached. */
export const getReadiness = defineEndpoint({
  ...probe,
  name: 'getReadiness',
  route: 'v1/health/ready',
  summary: 'Check that the API can reach its database',
  problems: ['unavailable'],
  schemas: { response: HealthSchema },
  handler: async () => {
    if (!(await databaseReachable())) {
      throw new Problem('unavailable', {
        detail: 'The database cannot be reached; retry after the Retry-After delay.',
        headers: { 'retry-after': '5', ...NO_STORE },
      });
    }
    return { body: { status: 'ok' as const }, headers: NO_STORE };
  },
});

registerEndpoints(getHealth, getReadiness);
