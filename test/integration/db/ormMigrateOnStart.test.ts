import { MikroORM } from '@mikro-orm/postgresql';
import { migrateDatabase } from '../../../shared/db/migrate';
import { migrations } from '../../../shared/db/migrations';
import { closeOrm, getOrm } from '../../../shared/db/orm';
import { ormOptions } from '../../../shared/db/ormOptions';
import { uniqueSchemaName } from './testSchema';
import { useSettings } from '../../support/settings';

const databaseUrl = process.env['DATABASE_URL']!;
const SETTINGS = ['DATABASE_SCHEMA', 'DATABASE_MIGRATE_ON_START', 'SIGNOFF_ENV', 'CURSOR_SECRET'];
const saved = Object.fromEntries(SETTINGS.map((name) => [name, process.env[name]]));
const created: string[] = [];
let admin: MikroORM;

beforeAll(async () => {
  admin = await MikroORM.init(ormOptions({ databaseUrl, schema: 'public', poolSize: 2 }));
});

afterEach(async () => {
  await closeOrm();
  useSettings(saved);
});

afterAll(async () => {
  for (const schema of created) await admin.em.getConnection().execute(`drop schema if exists "${schema}" cascade`);
  await admin.close();
});

function newSchema(): string {
  const schema = uniqueSchemaName('migrate_on_start');
  created.push(schema);
  return schema;
}

async function appliedMigrations(schema: string): Promise<string[]> {
  const exists = await admin.em
    .getConnection()
    .execute(`select 1 from information_schema.tables where table_schema = ? and table_name = ?`, [
      schema,
      'mikro_orm_migrations',
    ]);
  if (exists.length === 0) return [];
  const rows = await admin.em.getConnection().execute(`select name from "${schema}".mikro_orm_migrations`);
  return rows.map((row) => String(row['name'])).sort();
}

const everyMigration = () => migrations.map((migration) => migration.name).sort();
const production = { SIGNOFF_ENV: 'production', CURSOR_SECRET: 'a-production-secret-of-at-least-32-characters' };

describe('getOrm with DATABASE_MIGRATE_ON_START', () => {
  it('migrates a new schema before handing out the ORM when set to true', async () => {
    const schema = newSchema();
    useSettings({ DATABASE_SCHEMA: schema, DATABASE_MIGRATE_ON_START: 'true' });

    const orm = await getOrm();

    expect(await appliedMigrations(schema)).toEqual(everyMigration());
    const em = orm.em.fork();
    expect(await em.getConnection().execute(`select count(*)::int as n from "${schema}".cases`)).toEqual([{ n: 0 }]);
  });

  it('leaves the schema alone by default outside production', async () => {
    const schema = newSchema();
    useSettings({ DATABASE_SCHEMA: schema, DATABASE_MIGRATE_ON_START: undefined });

    await getOrm();

    expect(await appliedMigrations(schema)).toEqual([]);
  });

  it('migrates by default in production', async () => {
    const schema = newSchema();
    useSettings({ ...production, DATABASE_SCHEMA: schema, DATABASE_MIGRATE_ON_START: undefined });

    await getOrm();

    expect(await appliedMigrations(schema)).toEqual(everyMigration());
  });

  it('does not migrate in production when set to false', async () => {
    const schema = newSchema();
    useSettings({ ...production, DATABASE_SCHEMA: schema, DATABASE_MIGRATE_ON_START: 'false' });

    await getOrm();

    expect(await appliedMigrations(schema)).toEqual([]);
  });

  it('shares the schema safely with another process migrating it at the same moment', async () => {
    const schema = newSchema();
    useSettings({ DATABASE_SCHEMA: schema, DATABASE_MIGRATE_ON_START: 'true' });

    await Promise.all([getOrm(), migrateDatabase({ databaseUrl, schema }), migrateDatabase({ databaseUrl, schema })]);

    const applied = await appliedMigrations(schema);
    expect(applied).toEqual(everyMigration());
    expect(new Set(applied).size).toBe(applied.length);
  });

  it('finds an already migrated schema up to date and starts', async () => {
    const schema = newSchema();
    await migrateDatabase({ databaseUrl, schema });
    useSettings({ DATABASE_SCHEMA: schema, DATABASE_MIGRATE_ON_START: 'true' });

    const orm = await getOrm();

    expect(await orm.em.fork().getConnection().execute('select 1 as one')).toEqual([{ one: 1 }]);
    expect(await appliedMigrations(schema)).toEqual(everyMigration());
  });

  it('refuses to hand out an ORM when the migration fails, and tries again on the next call', async () => {
    // PostgreSQL refuses tables in its own pg_toast schema, even to a superuser.
    useSettings({ DATABASE_SCHEMA: 'pg_toast', DATABASE_MIGRATE_ON_START: 'true' });
    await expect(getOrm()).rejects.toThrow(/pg_toast/);

    const schema = newSchema();
    useSettings({ DATABASE_SCHEMA: schema, DATABASE_MIGRATE_ON_START: 'true' });
    await getOrm();

    expect(await appliedMigrations(schema)).toEqual(everyMigration());
  });
});
