import { randomUUID } from 'node:crypto';
import { Roles } from '../../../shared/auth/roles';
import type { WorkflowDefinitionDocument } from '../../../shared/workflow/definitionSchema';
import { startTestApp, type TestApp, type TestResponse } from '../../support/app';
import { purchaseRequestDefinition } from '../../unit/workflow/definitions';
import { deleteRedisKeys } from '../../support/redisKeys';

/** Tokens of the people in the case tests: one requester, three approvers, a reader, an admin, an app. */
export interface Cast {
  requester: string;
  approver: string;
  secondApprover: string;
  thirdApprover: string;
  reader: string;
  admin: string;
  app: string;
}

/** A test app with its cast, and helpers speaking the cases API. */
export interface CaseApi {
  app: TestApp;
  cast: Cast;
  /** Object ids of the cast, by role name. */
  oids: Record<keyof Cast, string>;
  /** POST /api/v1/cases with a fresh Idempotency-Key. */
  open(body?: Record<string, unknown>, token?: string): Promise<TestResponse>;
  /** Opens a purchase request for `amount` and answers its id. */
  openedId(amount?: number, token?: string): Promise<string>;
  /** GET the case. */
  get(caseId: string, token?: string): Promise<TestResponse>;
  /** The case's current ETag. */
  etag(caseId: string): Promise<string>;
  /** POST a transition with If-Match set to the current ETag unless `headers` says otherwise. */
  take(caseId: string, transition: string, token: string, init?: TakeInit): Promise<TestResponse>;
  /** GET the case's audit events. */
  history(caseId: string): Promise<TestResponse>;
  close(): Promise<void>;
}

/** Options of a transition request: a body (default none) and headers replacing the If-Match default. */
export interface TakeInit {
  body?: unknown;
  headers?: Record<string, string>;
}

async function castOf(app: TestApp): Promise<Cast> {
  return {
    requester: await app.token({ user: 'rita', roles: [Roles.Requester] }),
    approver: await app.token({ user: 'arno', roles: [Roles.Approver], acrs: ['c1'] }),
    secondApprover: await app.token({ user: 'bea', roles: [Roles.Approver], acrs: ['c1'] }),
    thirdApprover: await app.token({ user: 'cai', roles: [Roles.Approver], acrs: ['c1'] }),
    reader: await app.token({ user: 'rex', roles: [Roles.Reader] }),
    admin: await app.token({ user: 'ada', roles: [Roles.Admin], acrs: ['c1'] }),
    app: await app.token({ user: 'erp', app: true, roles: [Roles.Requester] }),
  };
}

async function oidsOf(app: TestApp, cast: Cast): Promise<Record<keyof Cast, string>> {
  const entries = await Promise.all(
    Object.entries(cast).map(async ([name, token]) => {
      const me = await app.request('GET', '/api/v1/me', { token });
      return [name, String(me.body.objectId)] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<keyof Cast, string>;
}

/** A fresh Idempotency-Key. */
export function idempotencyKey(): Record<string, string> {
  return { 'idempotency-key': randomUUID() };
}

const QUIET_ENV = ['REDIS_KEY_PREFIX', 'RATE_LIMIT_READ', 'RATE_LIMIT_WRITE'] as const;

/** A Redis key prefix of this test file's own, and quotas no test here comes near; undone by the returned function. */
function isolateCoordination(): () => Promise<void> {
  const saved = QUIET_ENV.map((key) => [key, process.env[key]] as const);
  const prefix = process.env['REDIS_KEY_PREFIX'] ?? `test:cases:${randomUUID()}:`;
  Object.assign(process.env, { REDIS_KEY_PREFIX: prefix, RATE_LIMIT_READ: '100000', RATE_LIMIT_WRITE: '100000' });
  return async () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await deleteRedisKeys(prefix, process.env['REDIS_URL']);
  };
}

/**
 * Starts the app in-process over its own schema and Redis key prefix (an existing REDIS_KEY_PREFIX is
 * kept), with quotas out of the way, and publishes `definition` (the purchase-request example by
 * default) as the admin.
 */
export async function startCaseApi(definition: WorkflowDefinitionDocument = purchaseRequestDefinition()) {
  const restore = isolateCoordination();
  const app = await startTestApp();
  const cast = await castOf(app);
  const published = await app.request('POST', '/api/v1/definitions', { token: cast.admin, body: definition });
  if (published.status !== 201) throw new Error(`publishing failed: ${published.text}`);
  const oids = await oidsOf(app, cast);
  const workflowKey = definition.key;

  const api: CaseApi = {
    app,
    cast,
    oids,
    open: (body = {}, token = cast.requester) =>
      app.request('POST', '/api/v1/cases', {
        token,
        headers: idempotencyKey(),
        body: { workflowKey, title: 'Laptop', data: { amount: 1450, currency: 'EUR' }, ...body },
      }),
    openedId: async (amount = 1450, token = cast.requester) => {
      const res = await api.open({ data: { amount, currency: 'EUR' } }, token);
      if (res.status !== 201) throw new Error(`opening failed: ${res.text}`);
      return String(res.body.id);
    },
    get: (caseId, token = cast.reader) => app.request('GET', `/api/v1/cases/${caseId}`, { token }),
    etag: async (caseId) => String((await api.get(caseId)).headers['etag']),
    take: async (caseId, transition, token, init = {}) => {
      const headers = init.headers ?? { 'if-match': await api.etag(caseId) };
      const path = `/api/v1/cases/${caseId}/transitions/${transition}`;
      return app.request('POST', path, { token, headers, body: init.body });
    },
    history: (caseId) => app.request('GET', `/api/v1/cases/${caseId}/events`, { token: cast.reader }),
    close: async () => {
      await app.close();
      await restore();
    },
  };
  return api;
}
