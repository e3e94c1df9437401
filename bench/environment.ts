import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { createClient } from 'redis';
import { ormOptions } from '../shared/db/ormOptions';
import { quotedSchema } from '../shared/db/schemaName';

/** Where the benchmark's devhost keeps its data: the machine's PostgreSQL and Redis, in names of its own. */
export interface BenchStores {
  databaseUrl: string;
  redisUrl: string;
  /** A PostgreSQL schema only this run uses; dropped by cleanStores. */
  schema: string;
  /** A Redis key prefix only this run uses; its keys are deleted by cleanStores. */
  redisKeyPrefix: string;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** Far above what a few seconds of load from one machine can send, so rate limits never answer 429. */
const UNLIMITED = String(1_000_000_000);

/** Fresh schema and key prefix on DATABASE_URL / REDIS_URL (or the local defaults). */
export function benchStores(env: NodeJS.ProcessEnv = process.env): BenchStores {
  const id = randomBytes(5).toString('hex');
  return {
    databaseUrl: env['DATABASE_URL'] || DEFAULT_DATABASE_URL,
    redisUrl: env['REDIS_URL'] || DEFAULT_REDIS_URL,
    schema: `bench_${id}`,
    redisKeyPrefix: `signoff-bench-${id}:`,
  };
}

/**
 * The settings the app runs with under load: the bench stores, rate limits and the tenant concurrency
 * cap raised out of the way, logs at `logLevel` (warn by default: per-request info lines would measure
 * the console pipe).
 */
export function appSettings(stores: BenchStores, logLevel: string): Record<string, string> {
  return {
    SIGNOFF_ENV: 'development',
    DATABASE_URL: stores.databaseUrl,
    DATABASE_SCHEMA: stores.schema,
    REDIS_URL: stores.redisUrl,
    REDIS_KEY_PREFIX: stores.redisKeyPrefix,
    RATE_LIMIT_READ: UNLIMITED,
    RATE_LIMIT_WRITE: UNLIMITED,
    RATE_LIMIT_ADMIN: UNLIMITED,
    TENANT_CONCURRENCY: String(100_000),
    LOG_LEVEL: logLevel,
  };
}

/** Settings the devhost derives itself or that a parent shell may have set for another process. */
const NOT_INHERITED = [
  'AUTH_METADATA_URL',
  'AUTH_AUDIENCE',
  'AUTH_TENANT_IDS',
  'PORT',
  'DEVHOST_DIR',
  'WEBSITE_HOSTNAME',
];

/** This process's environment without NOT_INHERITED, plus `settings`. */
export function childEnvironment(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of NOT_INHERITED) delete env[name];
  return { ...env, ...settings };
}

async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const orm = await MikroORM.init(ormOptions({ databaseUrl, schema, poolSize: 1 }));
  try {
    await orm.em.getConnection().execute(`drop schema if exists ${quotedSchema(schema)} cascade`);
  } finally {
    await orm.close();
  }
}

async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = createClient({ url: redisUrl });
  await redis.connect();
  try {
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 1000 })) {
      if (keys.length > 0) await redis.del(keys);
    }
  } finally {
    await redis.close();
  }
}

/** Drops the bench schema and deletes the bench keys; gives the failures rather than throwing. */
export async function cleanStores(stores: BenchStores): Promise<Error[]> {
  const results = await Promise.allSettled([
    dropSchema(stores.databaseUrl, stores.schema),
    deleteKeys(stores.redisUrl, stores.redisKeyPrefix),
  ]);
  return results.flatMap((r) =>
    r.status === 'rejected' ? [r.reason instanceof Error ? r.reason : new Error(String(r.reason))] : [],
  );
}
