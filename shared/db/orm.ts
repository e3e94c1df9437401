import { MikroORM } from '@mikro-orm/postgresql';
import { onShutdown } from '../config/lifecycle';
import { ConfigError, getConfig } from '../config/load';
import { ormOptions } from './ormOptions';

let pending: Promise<MikroORM> | undefined;
let closerRegistered = false;

async function initOrm(): Promise<MikroORM> {
  const config = getConfig();
  if (config.databaseUrl === undefined) {
    throw new ConfigError(['DATABASE_URL: is required to reach PostgreSQL (postgres://user@host:5432/database)']);
  }
  const orm = await MikroORM.init(
    ormOptions({ databaseUrl: config.databaseUrl, schema: config.databaseSchema, poolSize: config.databasePoolSize }),
  );
  if (!closerRegistered) {
    closerRegistered = true;
    onShutdown(closeOrm);
  }
  return orm;
}

/**
 * The process's ORM, created on first use from getConfig() (DATABASE_URL, DATABASE_SCHEMA,
 * DATABASE_POOL_SIZE) and closed on shutdown. Connections open lazily, on the first query.
 * Use `(await getOrm()).em.fork()`; the global EntityManager refuses work (allowGlobalContext is false).
 * @throws ConfigError when DATABASE_URL is unset; a failed start is retried on the next call.
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
