import { MikroORM } from '@mikro-orm/postgresql';
import type { Pool } from 'pg';
import { useAzureCredential } from '../../../shared/auth/azureCredential';
import { entraTokenProvider, POSTGRES_ENTRA_SCOPE } from '../../../shared/auth/azureTokens';
import { entraPasswordCallback } from '../../../shared/auth/databaseCredentials';
import { closeOrm, getOrm } from '../../../shared/db/orm';
import { ormOptions } from '../../../shared/db/ormOptions';
import { StandInCredential } from '../../support/tokenCredential';
import { uniqueSchemaName } from '../db/testSchema';
import { useSettings } from '../../support/settings';

const MACHINE_DATABASE = process.env['DATABASE_URL']!;
const CLIENT_ID = '7d3f9a12-4b6e-4c81-9f20-3e5d7a1b8c64';
const MINUTE = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The options node-postgres receives from the ORM: its pool's own copy, after MikroORM mapped them. */
async function driverOptionsOf(orm: MikroORM): Promise<Pool['options'] & { ssl?: unknown }> {
  const pool = (await orm.em.getConnection().getNativeClient()) as Pool;
  return pool.options;
}

async function passwordOf(options: { password?: unknown }): Promise<unknown> {
  return typeof options.password === 'function' ? await options.password() : options.password;
}

afterEach(async () => {
  await closeOrm();
  useAzureCredential(undefined);
  useSettings({
    DATABASE_URL: MACHINE_DATABASE,
    AZURE_CLIENT_ID: undefined,
    DATABASE_ENTRA_AUTH: undefined,
    DATABASE_MIGRATE_ON_START: undefined,
    DATABASE_SCHEMA: undefined,
  });
});

describe('getOrm with an Azure identity and a DATABASE_URL without a password', () => {
  it('hands the driver a password callback giving the Entra token for the PostgreSQL scope', async () => {
    const credential = new StandInCredential(60 * MINUTE);
    useAzureCredential(credential);
    useSettings({ AZURE_CLIENT_ID: CLIENT_ID });

    const options = await driverOptionsOf(await getOrm());

    expect(typeof options.password).toBe('function');
    expect(await passwordOf(options)).toBe('token-1');
    expect(await passwordOf(options)).toBe('token-1');
    expect(credential.requests).toEqual([POSTGRES_ENTRA_SCOPE]);
    expect(options.user).toBe('postgres');
  });

  it('gives a fresh token once the cached one is within five minutes of expiry, then caches that', async () => {
    const credential = new StandInCredential(5 * MINUTE + 300);
    useAzureCredential(credential);
    useSettings({ AZURE_CLIENT_ID: CLIENT_ID });
    const options = await driverOptionsOf(await getOrm());

    expect(await passwordOf(options)).toBe('token-1');
    await sleep(400);

    expect(await passwordOf(options)).toBe('token-2');
    expect(await passwordOf(options)).toBe('token-2');
    expect(credential.requests).toHaveLength(2);
  });

  it('requires TLS, so the local PostgreSQL without it refuses to talk rather than see a token', async () => {
    useAzureCredential(new StandInCredential(60 * MINUTE));
    useSettings({ AZURE_CLIENT_ID: CLIENT_ID });
    const orm = await getOrm();

    expect((await driverOptionsOf(orm)).ssl).toBe(true);
    await expect(orm.em.getConnection().execute('select 1')).rejects.toThrow(/does not support SSL/);
  });

  it('migrates on start with the same sign-in, so it too refuses a PostgreSQL without TLS', async () => {
    useAzureCredential(new StandInCredential(60 * MINUTE));
    const schema = uniqueSchemaName('entra_migrate');
    useSettings({ AZURE_CLIENT_ID: CLIENT_ID, DATABASE_MIGRATE_ON_START: 'true', DATABASE_SCHEMA: schema });

    await expect(getOrm()).rejects.toThrow(/does not support SSL/);
  });

  it('signs in with Entra when DATABASE_ENTRA_AUTH=true even without AZURE_CLIENT_ID', async () => {
    useAzureCredential(new StandInCredential(60 * MINUTE));
    useSettings({ DATABASE_ENTRA_AUTH: 'true' });

    expect(await passwordOf(await driverOptionsOf(await getOrm()))).toBe('token-1');
  });
});

describe('getOrm keeps the URL password or none', () => {
  it('without an Azure identity: trust authentication of the local PostgreSQL still works', async () => {
    const credential = new StandInCredential(60 * MINUTE);
    useAzureCredential(credential);
    const orm = await getOrm();

    expect(await passwordOf(await driverOptionsOf(orm))).toBe('');
    expect(await orm.em.getConnection().execute('select 1 as one')).toEqual([{ one: 1 }]);
    expect(credential.requests).toEqual([]);
  });

  it('when DATABASE_ENTRA_AUTH=false, even with AZURE_CLIENT_ID', async () => {
    useAzureCredential(new StandInCredential(60 * MINUTE));
    useSettings({ AZURE_CLIENT_ID: CLIENT_ID, DATABASE_ENTRA_AUTH: 'false' });

    expect(await passwordOf(await driverOptionsOf(await getOrm()))).toBe('');
  });

  it('when the URL carries a password, even with AZURE_CLIENT_ID', async () => {
    useAzureCredential(new StandInCredential(60 * MINUTE));
    useSettings({ AZURE_CLIENT_ID: CLIENT_ID, DATABASE_URL: 'postgres://postgres:s3cret@127.0.0.1:5432/test' });
    const orm = await getOrm();

    expect(await passwordOf(await driverOptionsOf(orm))).toBe('s3cret');
    expect(await orm.em.getConnection().execute('select 1 as one')).toEqual([{ one: 1 }]);
  });
});

describe('ormOptions with a password callback', () => {
  it('passes each call through to the driver, so every new connection gets the current token', async () => {
    const credential = new StandInCredential(300);
    const tokens = entraTokenProvider(credential, POSTGRES_ENTRA_SCOPE, { refreshMarginMs: 100, retryMs: 50 });
    const password = entraPasswordCallback(async () => tokens);
    const orm = await MikroORM.init(
      ormOptions({ databaseUrl: MACHINE_DATABASE, schema: 'public', poolSize: 1, password }),
    );
    try {
      const options = await driverOptionsOf(orm);
      expect(await passwordOf(options)).toBe('token-1');
      await sleep(250);
      expect(await passwordOf(options)).toBe('token-2');
    } finally {
      await orm.close();
    }
  });
});
