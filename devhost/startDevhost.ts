import path from 'node:path';
import type { Config } from '../shared/config/schema';
import { getConfig, loadConfig, resetConfig } from '../shared/config/load';
import { shutdown } from '../shared/config/lifecycle';
import { migrateDatabase } from '../shared/db/migrate';
import { consoleSink, createLogger, type Logger } from '../shared/telemetry/logger';
import { createDevIdentityProvider, type DevIdentityProvider } from './identity/provider';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './database';
import { directoryStore } from './durable/persistence';
import type { OrchestrationRunner } from './durable/runner';
import { warnAboutAzureRouting } from './azureRouting';
import { runAppHooks } from './hooks';
import { readDurableConcurrency, readRoutePrefix, readTaskHub } from './hostJson';
import { loadApp } from './loadApp';
import { compiledRoot, devhostStateDir } from './paths';
import type { LoadedApp } from './registrations';
import { serveApp } from './serveApp';
import { startDevServer, type DevServer } from './server';
import { step } from './startupError';
import { startTimers, type TimerRunner } from './timers';

/** A running devhost: what it serves, and how to stop all of it. */
export interface Devhost {
  url: string;
  routePrefix: string;
  app: LoadedApp;
  config: Readonly<Config>;
  identity: DevIdentityProvider;
  /** Folder of the dev signing keys (`npm run token -- --key-dir` when not the default). */
  keyDir: string;
  timers: TimerRunner;
  runner: OrchestrationRunner;
  /** Set when the devhost started embedded PostgreSQL (DATABASE_URL was unset). */
  database?: EmbeddedDatabase;
  log: Logger;
  /** Stops the server, timers, the app (appTerminate hooks, shutdown closers) and embedded PostgreSQL. */
  stop(): Promise<Error[]>;
}

/** Options of startDevhost. */
export interface DevhostOptions {
  /** Called when embedded PostgreSQL exited on its own and could not be restarted (the API answers 503). */
  onDatabaseLost?: (error: Error) => void;
}

interface Started {
  server?: DevServer;
  runner?: OrchestrationRunner;
  timers?: TimerRunner;
  appStarted?: boolean;
  database?: EmbeddedDatabase;
}

const PLACEHOLDER_METADATA_URL = 'http://127.0.0.1/devhost/idp/pending';

function unset(name: string): boolean {
  return (process.env[name] ?? '') === '';
}

/** Every setting but the identity provider's, which the devhost derives from its own address. */
function provisionalConfig(): Readonly<Config> {
  return loadConfig({
    ...process.env,
    AUTH_METADATA_URL: unset('AUTH_METADATA_URL') ? PLACEHOLDER_METADATA_URL : process.env['AUTH_METADATA_URL'],
    AUTH_AUDIENCE: unset('AUTH_AUDIENCE') ? 'pending' : process.env['AUTH_AUDIENCE'],
  });
}

function useDevIdentity(identity: DevIdentityProvider): void {
  if (unset('AUTH_METADATA_URL')) process.env['AUTH_METADATA_URL'] = identity.metadataUrl;
  if (unset('AUTH_AUDIENCE')) process.env['AUTH_AUDIENCE'] = identity.audience;
  resetConfig();
}

async function attempt(failures: Error[], work: (() => unknown) | undefined): Promise<void> {
  try {
    await work?.();
  } catch (error) {
    failures.push(error instanceof Error ? error : new Error(String(error)));
  }
}

/** Stops what started, in an order where nothing still running needs what already stopped. */
async function stopStarted(started: Started): Promise<Error[]> {
  started.database?.unwatch();
  const failures: Error[] = [];
  // Timer runs may still call the server (the durable API), and requests may still run orchestrations.
  await attempt(failures, started.timers && (() => started.timers!.stop()));
  await attempt(failures, started.server && (() => started.server!.close()));
  await attempt(failures, started.runner && (() => started.runner!.stop()));
  await attempt(failures, started.appStarted ? () => runAppHooks('appTerminate', compiledRoot()) : undefined);
  failures.push(...(await shutdown()));
  await attempt(failures, started.database && (() => started.database!.stop()));
  return failures;
}

async function ensureDatabase(
  config: Readonly<Config>,
  started: Started,
  log: Logger,
  options: DevhostOptions,
): Promise<Readonly<Config>> {
  if (config.databaseUrl !== undefined) return config;
  const dataDir = path.join(devhostStateDir(), 'pgdata');
  const onLost = options.onDatabaseLost;
  started.database = await step('start embedded PostgreSQL', () =>
    startEmbeddedDatabase({ dataDir, log, ...(onLost ? { onLost } : {}) }),
  );
  process.env['DATABASE_URL'] = started.database.url;
  resetConfig();
  return getConfig();
}

/** Orchestration instances survive devhost restarts in the state folder, one folder per task hub. */
function durableStore(taskHub: string) {
  return directoryStore(path.join(devhostStateDir(), 'durable', taskHub));
}

async function startApp(started: Started, server: DevServer, config: Readonly<Config>) {
  const databaseUrl = config.databaseUrl!;
  const log = createLogger(consoleSink, config.logLevel, { component: 'devhost' });
  await step('migrate the database', () => migrateDatabase({ databaseUrl, schema: config.databaseSchema, log }));
  const app = await step('load the app', loadApp);
  const { routePrefix, taskHub, concurrency } = await step('read host.json', () => ({
    routePrefix: readRoutePrefix(),
    taskHub: readTaskHub(),
    concurrency: readDurableConcurrency(),
  }));
  warnAboutAzureRouting(app, routePrefix, log);
  await step('run the appStart hooks', () => runAppHooks('appStart', compiledRoot()));
  started.appStarted = true;

  const served = await step('route the HTTP functions', () =>
    serveApp(server, app, {
      routePrefix,
      taskHub,
      concurrency,
      store: durableStore(taskHub),
      logLevel: config.logLevel,
      log,
    }),
  );
  started.runner = served.runner;
  const timers = await step('schedule the timer functions', () => startTimers(app.timers, served.invocation));
  started.timers = timers;
  return { app, routePrefix, timers, runner: served.runner };
}

async function startAll(started: Started, options: DevhostOptions): Promise<Devhost> {
  const provisional = await step('read the configuration', provisionalConfig);
  const log = createLogger(consoleSink, provisional.logLevel, { component: 'devhost' });
  const server = await step(`listen on port ${provisional.port}`, () => startDevServer(provisional.port));
  started.server = server;

  const keyDir = path.join(devhostStateDir(), 'keys');
  const identity = await step('start the dev identity provider', () =>
    createDevIdentityProvider({ baseUrl: server.url, keyDir }),
  );
  server.mount(identity);
  useDevIdentity(identity);
  // The durable client keeps its URLs only when the host names itself, as Azure always does.
  if (unset('WEBSITE_HOSTNAME')) process.env['WEBSITE_HOSTNAME'] = new URL(server.url).host;
  let config = await step('read the configuration', getConfig);
  config = await ensureDatabase(config, started, log, options);

  const { app, routePrefix, timers, runner } = await startApp(started, server, config);
  const stop = () => stopStarted(started);
  const devhost = { url: server.url, routePrefix, app, timers, runner, config, identity, keyDir, log, stop };
  return started.database ? { ...devhost, database: started.database } : devhost;
}

/**
 * Starts the devhost: reads the configuration, listens on PORT (127.0.0.1), serves the dev identity
 * provider and points AUTH_METADATA_URL / AUTH_AUDIENCE at it when unset, starts embedded PostgreSQL
 * when DATABASE_URL is unset, migrates, loads the app, serves its HTTP functions and runs its timers.
 * Until the app is loaded the server answers 503. A failed step stops whatever had started.
 * @throws StartupError naming the step that failed.
 */
export async function startDevhost(options: DevhostOptions = {}): Promise<Devhost> {
  const started: Started = {};
  try {
    return await startAll(started, options);
  } catch (error) {
    await stopStarted(started);
    throw error;
  }
}
