import { randomUUID } from 'node:crypto';
import { Roles } from '../../shared/auth/roles';
import { startDevhostProcess, type DevhostProcess } from '../support/devhostProcess';
import { purchaseRequestDefinition } from '../unit/workflow/definitions';
import { deleteRedisKeys } from '../support/redisKeys';
import { sendJson, type HttpAnswer, type SendInit } from '../support/sendJson';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A devhost process with its own Redis key prefix, quotas high enough for load, and a client for it. */
export interface CasesDevhost {
  devhost: DevhostProcess;
  /** Sends a request with `token` as the bearer token and `body` as JSON. */
  send(method: string, path: string, token: string, init?: SendInit): Promise<HttpAnswer>;
  /** Opens a purchase request with a fresh Idempotency-Key; answers the case. */
  open(token: string, title: string, amount: number): Promise<HttpAnswer>;
  /** Takes a transition with If-Match; the current ETag is read first unless `etag` is given. */
  take(
    caseId: string,
    transition: string,
    token: string,
    init?: { body?: unknown; etag?: string },
  ): Promise<HttpAnswer>;
  token(user: string, roles: string[], stepUp?: boolean): Promise<string>;
  /** Stops the process, drops its schema and removes its Redis keys. */
  stop(): Promise<void>;
}

/** Starts a devhost process for case tests and publishes the purchase-request example on it. */
export async function startCasesDevhost(label: string): Promise<CasesDevhost> {
  const prefix = `test:${label}:${randomUUID()}:`;
  const env = { REDIS_URL, REDIS_KEY_PREFIX: prefix, RATE_LIMIT_READ: '100000', RATE_LIMIT_WRITE: '100000' };
  const devhost = await startDevhostProcess({ env });

  const send: CasesDevhost['send'] = (method, path, token, init) => sendJson(devhost.url, method, path, token, init);
  const token: CasesDevhost['token'] = (user, roles, stepUp = false) =>
    devhost.token({ user, roles, ...(stepUp ? { acrs: ['c1'] } : {}) });

  const admin = await token('ada', [Roles.Admin], true);
  const published = await send('POST', '/api/v1/definitions', admin, { body: purchaseRequestDefinition() });
  if (published.status !== 201) throw new Error(`publishing failed: ${JSON.stringify(published.body)}`);

  return {
    devhost,
    send,
    token,
    open: (requester, title, amount) =>
      send('POST', '/api/v1/cases', requester, {
        headers: { 'idempotency-key': randomUUID() },
        body: { workflowKey: 'purchase-request', title, data: { amount, currency: 'EUR' } },
      }),
    take: async (caseId, transition, caller, init = {}) => {
      const etag = init.etag ?? (await send('GET', `/api/v1/cases/${caseId}`, caller)).headers['etag'] ?? '';
      const path = `/api/v1/cases/${caseId}/transitions/${transition}`;
      return send('POST', path, caller, { headers: { 'if-match': etag }, body: init.body });
    },
    stop: async () => {
      await devhost.stop();
      await deleteRedisKeys(prefix, REDIS_URL);
    },
  };
}
