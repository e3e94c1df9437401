import { MikroORM } from '@mikro-orm/postgresql';
import { databasePassword } from '../auth/databaseCredentials';
import { onShutdown } from '../config/lifecycle';
import { ConfigError, getConfig } from '../config/load';
import type { Config } from '../config/schema';
import { consoleSink, createLogger } from '../telemetry/logger';
import { migrateDatabase } from './migrate';
import { ormOptions, type DatabaseTarget } from './ormOptions';

let pending: Promise<MikroORM> | undefined;
let closerRegistered = false;

/**
 * Whether getOrm migrates the schema before handing out the ORM: DATABASE_MIGRATE_ON_START, which
 * defaults to true when SIGNOFF_ENV is production (nothing else runs migrations in Azure) and to false
 * elsewhere (the devhost and the tests migrate on their own).
 */
export function migratesOnStart(config: Readonly<Config>): boolean {
  return config.databaseMigrateOnStart ?? config.signoffEnv === 'production';
}

/**
 * Where the process's ORM connects, from DATABASE_URL, DATABASE_SCHEMA and DATABASE_POOL_SIZE, signing in
 * with Entra tokens when the URL has no password and the process an Azure identity (databasePassword).
 * @throws ConfigError when DATABASE_URL is unset.
 */
export function databaseTarget(config: Readonly<Config>): DatabaseTarget {
  if (config.databaseUrl === undefined) {
    throw new ConfigError(['DATABASE_URL: is required to reach PostgreSQL (postgres://user@host:5432/database)']);
  }
  return {
    databaseUrl: config.databaseUrl,
    schema: config.databaseSchema,
    poolSize: config.databasePoolSize,
    password: databasePassword(config.databaseUrl, config),
  };
}

async function migrate(target: DatabaseTarget, config: Readonly<Config>): Promise<void> {
  const log = createLogger(consoleSink, config.logLevel, { component: 'database' });
  const started = Date.now();
  await migrateDatabase({ ...target, log });
  log.info('database migrated on start', { schema: target.schema, ms: Date.now() - started });
}

async function initOrm(): Promise<MikroORM> {
  const config = getConfig();
  const target = databaseTarget(config);
  if (migratesOnStart(config)) await migrate(target, config);

  const orm = await MikroORM.init(ormOptions(target));
  if (!closerRegistered) {
    closerRegistered = true;
    onShutdown(closeOrm, 'the database pool');
  }
  return orm;
}

/**
 * The process's ORM, created on first use from getConfig() (DATABASE_URL, DATABASE_SCHEMA,
 * DATABASE_POOL_SIZE) and closed on shutdown. Connections open lazily, on the first query, except that
 * with DATABASE_MIGRATE_ON_START (see migratesOnStart) the first call migrates the schema first
 * (migrateDatabase: lock-safe across instances) and resolves only once that has succeeded.
 * Use `(await getOrm()).em.fork()`; the global EntityManager refuses work (allowGlobalContext is false).
 * @throws ConfigError when DATABASE_URL is unset; a failed start (a failed migration too) is retried on
 *   the next call.
 */
export function getOrm(): Promise<MikroORM> {
  pending ??= initOrm().catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}

/** Closes the process's ORM and its pool, if one was created; the next getOrm() creates a new one. */
export async function closeOrm(): Promise<void> {
  const current = pending;
  pending = undefined;
  closerRegistered = false;
  if (current === undefined) return;
  const orm = await current.catch(() => undefined);
  await orm?.close();
}
