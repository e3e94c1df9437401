import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { entities } from './entities';
import { migrations } from './migrations';

/** Where and how to connect: the pieces of configuration the ORM needs. */
export interface DatabaseTarget {
  /** postgres://user:password@host:port/database; `?sslmode=require` (or verify-*) turns TLS on. */
  databaseUrl: string;
  /** Schema holding Signoff's tables; created by migrateDatabase when missing. */
  schema: string;
  /** Largest number of pooled connections. */
  poolSize: number;
  /**
   * Called for each new connection for its password, in place of the URL's (Entra tokens, see
   * shared/auth/databaseCredentials.ts). With one, TLS is always on: a token never travels in clear.
   */
  password?: () => Promise<string>;
}

/** The table recording which migrations a schema has had. */
export const MIGRATIONS_TABLE = 'mikro_orm_migrations';

/** How long to wait for a pooled connection before failing, in milliseconds. */
export const CONNECT_TIMEOUT_MS = 5000;

function wantsTls(databaseUrl: string): boolean {
  const mode = new URL(databaseUrl).searchParams.get('sslmode');
  return mode === 'require' || mode === 'verify-ca' || mode === 'verify-full';
}

function wantsTlsFor(target: DatabaseTarget): boolean {
  return target.password !== undefined || wantsTls(target.databaseUrl);
}

/**
 * The MikroORM options for `target`: the explicit entity list, the migrator extension with the
 * migrations compiled into the app (no folder scanning, so ts under jest and js under node both work),
 * no global context, and no ORM console output. A `password` callback goes to the driver as is, with
 * TLS (certificate verified) required.
 */
export function ormOptions(target: DatabaseTarget): Options {
  return defineConfig({
    clientUrl: target.databaseUrl,
    ...(target.password === undefined ? {} : { password: target.password }),
    schema: target.schema,
    entities,
    extensions: [Migrator],
    allowGlobalContext: false,
    preferTs: false,
    ensureDatabase: false,
    debug: false,
    pool: { min: 0, max: target.poolSize, idleTimeoutMillis: 30_000 },
    driverOptions: {
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      application_name: 'signoff',
      ...(wantsTlsFor(target) ? { ssl: true } : {}),
    },
    migrations: {
      migrationsList: migrations,
      tableName: MIGRATIONS_TABLE,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
      emit: 'ts',
    },
  });
}
