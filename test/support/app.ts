import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrateDatabase } from '../../shared/db/migrate';
import { getConfig, resetConfig } from '../../shared/config/load';
import { shutdown } from '../../shared/config/lifecycle';
import { isJsonMediaType } from '../../shared/http/body';
import { consoleSink, createLogger } from '../../shared/telemetry/logger';
import type { OrchestrationRunner } from '../../devhost/durable/runner';
import {
  createDevIdentityProvider,
  type DevIdentityProvider,
  type DevTokenOptions,
} from '../../devhost/identity/provider';
import type { Dispatch } from '../../devhost/dispatch';
import { runAppHooks } from '../../devhost/hooks';
import { readDurableConcurrency, readRoutePrefix, readTaskHub } from '../../devhost/hostJson';
import { loadApp } from '../../devhost/loadApp';
import { compiledRoot } from '../../devhost/paths';
import type { LoadedApp } from '../../devhost/registrations';
import { serveApp } from '../../devhost/serveApp';
import { startDevServer } from '../../devhost/server';
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

/** The dev identity provider of a test app and where it is served. */
export interface TestIdentity {
  provider: DevIdentityProvider;
  baseUrl: string;
  keyDir: string;
}

/** The app loaded in-process over its own migrated schema, with a dev identity provider on loopback. */
export interface TestApp {
  /** Sends a request straight to the dispatcher (no socket). */
  request(method: string, path: string, init?: TestRequestInit): Promise<TestResponse>;
  token(options: DevTokenOptions): Promise<string>;
  schema: string;
  /** The same app on a real loopback port: identity provider, durable API and HTTP functions. */
  url: string;
  app: LoadedApp;
  identity: TestIdentity;
  /** The orchestration runner behind the app's durable client. */
  runner: OrchestrationRunner;
  /** Stops orchestrations, runs appTerminate hooks and shutdown(), drops the schema, stops the server. */
  close(): Promise<void>;
}

const ENV_KEYS = [
  'AUTH_METADATA_URL',
  'AUTH_AUDIENCE',
  'DATABASE_SCHEMA',
  'REDIS_KEY_PREFIX',
  'WEBSITE_HOSTNAME',
] as const;

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

function pointEnvironmentAt(provider: DevIdentityProvider, schema: string, url: string): () => void {
  const saved = ENV_KEYS.map((key) => [key, process.env[key]] as const);
  process.env['AUTH_METADATA_URL'] = provider.metadataUrl;
  process.env['AUTH_AUDIENCE'] = provider.audience;
  process.env['DATABASE_SCHEMA'] = schema;
  // Rate limits, slots and locks of one test file must not count against another's running in parallel.
  process.env['REDIS_KEY_PREFIX'] ??= `${schema}:`;
  process.env['WEBSITE_HOSTNAME'] = new URL(url).host;
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
 * Loads the app in-process for a test file: a unique PostgreSQL schema (migrated), and a devhost server
 * on a loopback port serving the dev identity provider AUTH_METADATA_URL points at, the durable API the
 * app's durable client calls, and the HTTP functions. `request` goes straight to the dispatcher.
 */
export async function startTestApp(options: { schema?: string } = {}): Promise<TestApp> {
  const schema = options.schema ?? freshSchemaName('app');
  const server = await startDevServer(0);
  const keyDir = await mkdtemp(path.join(tmpdir(), 'signoff-test-keys-'));
  const provider = await createDevIdentityProvider({ baseUrl: server.url, keyDir });
  server.mount(provider);
  const restore = pointEnvironmentAt(provider, schema, server.url);
  const config = getConfig();
  await migrateDatabase({ databaseUrl: config.databaseUrl!, schema });

  const app = await loadApp();
  await runAppHooks('appStart', compiledRoot());
  const log = createLogger(consoleSink, config.logLevel, { component: 'devhost' });
  const served = serveApp(server, app, {
    routePrefix: readRoutePrefix(),
    taskHub: readTaskHub(),
    concurrency: readDurableConcurrency(),
    logLevel: config.logLevel,
    log,
  });

  return {
    request: requester(served.dispatch),
    token: (tokenOptions) => provider.issueToken(tokenOptions),
    schema,
    url: server.url,
    app,
    identity: { provider, baseUrl: server.url, keyDir },
    runner: served.runner,
    close: async () => {
      await served.runner.stop();
      await runAppHooks('appTerminate', compiledRoot());
      await shutdown();
      await dropSchema(config.databaseUrl!, schema);
      await server.close(100);
      await rm(keyDir, { recursive: true, force: true });
      restore();
    },
  };
}
