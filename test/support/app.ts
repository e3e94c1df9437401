import { migrateDatabase } from '../../shared/db/migrate';
import { getConfig, resetConfig } from '../../shared/config/load';
import { shutdown } from '../../shared/config/lifecycle';
import { isJsonMediaType } from '../../shared/http/body';
import type { DevTokenOptions } from '../../devhost/identity/provider';
import { createDispatcher, type Dispatch } from '../../devhost/dispatch';
import { runAppHooks } from '../../devhost/hooks';
import { readRoutePrefix } from '../../devhost/hostJson';
import { loadApp } from '../../devhost/loadApp';
import { compiledRoot } from '../../devhost/paths';
import type { LoadedApp } from '../../devhost/registrations';
import { startIdentityServer, type IdentityServer } from './identityServer';
import { dropSchema, freshSchemaName } from './schemas';

/** What a request through the test app answered; `body` is parsed JSON for JSON media types. */
export interface TestResponse {
  status: number;
  headers: Record<string, string | string[]>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read response fields freely
  body: any;
  text: string;
}

/** How to send one request: a JSON `body`, or a `rawBody` as is; `token` becomes the bearer token. */
export interface TestRequestInit {
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  token?: string;
}

/** The app loaded in-process over its own migrated schema, with a dev identity provider on loopback. */
export interface TestApp {
  request(method: string, path: string, init?: TestRequestInit): Promise<TestResponse>;
  token(options: DevTokenOptions): Promise<string>;
  schema: string;
  app: LoadedApp;
  identity: IdentityServer;
  /** Drops the schema, runs appTerminate hooks and shutdown(), stops the identity provider. */
  close(): Promise<void>;
}

const ENV_KEYS = ['AUTH_METADATA_URL', 'AUTH_AUDIENCE', 'DATABASE_SCHEMA'] as const;

function requestHeaders(init: TestRequestInit): Record<string, string> {
  const headers: Record<string, string> = { host: '127.0.0.1', ...init.headers };
  if (init.body !== undefined) headers['content-type'] ??= 'application/json';
  if (init.token !== undefined) headers['authorization'] = `Bearer ${init.token}`;
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function requestBody(init: TestRequestInit): Buffer | undefined {
  if (init.rawBody !== undefined) return Buffer.from(init.rawBody);
  return init.body === undefined ? undefined : Buffer.from(JSON.stringify(init.body));
}

function readBody(headers: Record<string, string | string[]>, text: string): unknown {
  const type = headers['content-type'];
  if (text === '' || typeof type !== 'string' || !isJsonMediaType(type)) return text === '' ? undefined : text;
  return JSON.parse(text) as unknown;
}

function requester(dispatch: Dispatch): TestApp['request'] {
  return async (method, path, init = {}) => {
    const headers = requestHeaders(init);
    const response = await dispatch({ method, url: path, headers, body: requestBody(init) });
    const text = response.body.toString('utf8');
    return { status: response.status, headers: response.headers, body: readBody(response.headers, text), text };
  };
}

function pointEnvironmentAt(identity: IdentityServer, schema: string): () => void {
  const saved = ENV_KEYS.map((key) => [key, process.env[key]] as const);
  process.env['AUTH_METADATA_URL'] = identity.provider.metadataUrl;
  process.env['AUTH_AUDIENCE'] = identity.provider.audience;
  process.env['DATABASE_SCHEMA'] = schema;
  resetConfig();
  return () => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetConfig();
  };
}

/**
 * Loads the app in-process for a test file: a unique PostgreSQL schema (migrated), a dev identity
 * provider on a real loopback port that AUTH_METADATA_URL points at, and the devhost's dispatcher over
 * every registration. Requests go straight to the dispatcher, no socket.
 */
export async function startTestApp(options: { schema?: string } = {}): Promise<TestApp> {
  const schema = options.schema ?? freshSchemaName('app');
  const identity = await startIdentityServer();
  const restore = pointEnvironmentAt(identity, schema);
  const databaseUrl = getConfig().databaseUrl!;
  await migrateDatabase({ databaseUrl, schema });

  const app = await loadApp();
  await runAppHooks('appStart', compiledRoot());
  const dispatch = createDispatcher(app, { routePrefix: readRoutePrefix(), logLevel: getConfig().logLevel });

  return {
    request: requester(dispatch),
    token: (tokenOptions) => identity.provider.issueToken(tokenOptions),
    schema,
    app,
    identity,
    close: async () => {
      await runAppHooks('appTerminate', compiledRoot());
      await shutdown();
      await dropSchema(databaseUrl, schema);
      await identity.close();
      restore();
    },
  };
}
