import { Roles } from '../shared/auth/roles';
import { DEV_AUDIENCE, DEV_TENANT_ID } from '../devhost/identity/defaults';
import { signDevToken } from '../devhost/identity/provider';

/** Bearer tokens of the users the benchmarks act as. */
export interface BenchTokens {
  /** Signoff.Admin with step-up (acrs c1): publishes definitions. */
  admin: string;
  /** Signoff.Requester: opens, reads, lists and submits cases. */
  requester: string;
}

/** An answer of the API, its body parsed as JSON when it has one. */
export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Dev tokens signed with the devhost's keys in `keyDir`, valid for two hours. */
export async function benchTokens(keyDir: string): Promise<BenchTokens> {
  const defaults = { tenantId: DEV_TENANT_ID, audience: DEV_AUDIENCE };
  const ttlSeconds = 7200;
  return {
    admin: await signDevToken(
      keyDir,
      { user: 'bench-admin', roles: [Roles.Admin], acrs: ['c1'], ttlSeconds },
      defaults,
    ),
    requester: await signDevToken(keyDir, { user: 'bench-requester', roles: [Roles.Requester], ttlSeconds }, defaults),
  };
}

/** One call of the API at `baseUrl` (as the bearer of `token` when given), with a JSON body when `body` is given. */
export async function callApi(
  baseUrl: string,
  request: { method: string; path: string; token?: string; body?: unknown; headers?: Record<string, string> },
): Promise<ApiAnswer> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.token !== undefined) headers['authorization'] = `Bearer ${request.token}`;
  if (request.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${request.path}`, {
    method: request.method,
    headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text.length > 0 ? JSON.parse(text) : undefined };
}

/**
 * `answer`'s body when its status is `expected`.
 * @throws naming `what`, with the status and body, otherwise.
 */
export function expectStatus(answer: ApiAnswer, expected: number, what: string): Record<string, unknown> {
  if (answer.status !== expected) {
    throw new Error(`${what}: expected ${expected}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return (answer.body ?? {}) as Record<string, unknown>;
}
