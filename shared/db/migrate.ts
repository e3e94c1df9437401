import { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../telemetry/logger';
import { ormOptions } from './ormOptions';
import { quotedSchema } from './schemaName';

/** What to migrate: the database and the schema holding Signoff's tables. */
export interface MigrateOptions {
  databaseUrl: string;
  schema: string;
  /** Receives one line per applied migration; silent when absent. */
  log?: Logger;
  /** The connection's password callback (Entra tokens), as DatabaseTarget.password. */
  password?: () => Promise<string>;
}

// One session-level advisory lock per schema: the first argument names the purpose, the second the schema.
const LOCK_SQL = `select pg_advisory_lock(hashtext('signoff.migrate'), hashtext(?))`;
const UNLOCK_SQL = `select pg_advisory_unlock(hashtext('signoff.migrate'), hashtext(?))`;

async function openSingleConnection(options: MigrateOptions): Promise<MikroORM> {
  const { databaseUrl, schema, password } = options;
  const config = ormOptions({ databaseUrl, schema, poolSize: 1, password });
  // A pool of exactly one connection that never idles out, so the session lock and every
  // migration statement share one PostgreSQL session.
  return MikroORM.init({ ...config, pool: { min: 0, max: 1, idleTimeoutMillis: 0 } });
}

async function applyPending(orm: MikroORM, options: MigrateOptions): Promise<void> {
  const connection = orm.em.getConnection();
  await connection.execute(`create schema if not exists ${quotedSchema(options.schema)}`);
  const applied = await orm.migrator.up({ schema: options.schema });
  for (const migration of applied) {
    options.log?.info('migration applied', { migration: migration.name, schema: options.schema });
  }
}

/**
 * Creates `schema` when missing and applies every pending migration to it, in one transaction.
 * Idempotent, and safe when several processes start at once: they queue on a PostgreSQL advisory lock
 * per schema, and the later ones find nothing pending.
 * @throws Error when the schema name is not a plain identifier, the database is unreachable, or a
 * migration fails (nothing of the failed run is committed).
 */
export async function migrateDatabase(options: MigrateOptions): Promise<void> {
  quotedSchema(options.schema);
  const orm = await openSingleConnection(options);
  const connection = orm.em.getConnection();
  try {
    await connection.execute(LOCK_SQL, [options.schema]);
    try {
      await applyPending(orm, options);
    } finally {
      await connection.execute(UNLOCK_SQL, [options.schema]);
    }
  } finally {
    await orm.close();
  }
}
