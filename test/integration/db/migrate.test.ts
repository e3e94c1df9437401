import { MikroORM } from '@mikro-orm/postgresql';
import { migrateDatabase } from '../../../shared/db/migrate';
import { migrations } from '../../../shared/db/migrations';
import { ormOptions } from '../../../shared/db/ormOptions';
import { schemaDiff } from '../../../shared/db/schemaDiff';
import { uniqueSchemaName } from './testSchema';

const databaseUrl = process.env['DATABASE_URL']!;
let admin: MikroORM;
const created: string[] = [];

function newSchema(label: string): string {
  const schema = uniqueSchemaName(label);
  created.push(schema);
  return schema;
}

async function rows(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  return admin.em.getConnection().execute(sql, params);
}

async function tablesOf(schema: string): Promise<string[]> {
  // pg_tables, not information_schema: the latter checks privileges row by row and fails with
  // "could not open relation with OID" when another test file drops its schema at the same moment.
  const found = await rows(`select tablename from pg_tables where schemaname = ? order by 1`, [schema]);
  return found.map((r) => String(r['tablename']));
}

async function appliedMigrations(schema: string): Promise<string[]> {
  const found = await rows(`select name from "${schema}".mikro_orm_migrations order by id`);
  return found.map((r) => String(r['name']));
}

beforeAll(async () => {
  admin = await MikroORM.init(ormOptions({ databaseUrl, schema: 'public', poolSize: 2 }));
});

afterAll(async () => {
  for (const schema of created) await rows(`drop schema if exists "${schema}" cascade`);
  await admin.close();
});

describe('migrateDatabase', () => {
  it('creates a missing schema and every table in it', async () => {
    const schema = newSchema('migrate');

    await migrateDatabase({ databaseUrl, schema });

    expect(await tablesOf(schema)).toEqual([
      'case_approvals',
      'case_comments',
      'case_events',
      'cases',
      'idempotency_keys',
      'mikro_orm_migrations',
      'outbox',
      'workflow_definitions',
    ]);
    expect(await appliedMigrations(schema)).toEqual(migrations.map((m) => m.name));
  });

  it('applies nothing the second time', async () => {
    const schema = newSchema('again');
    await migrateDatabase({ databaseUrl, schema });

    await migrateDatabase({ databaseUrl, schema });

    expect(await appliedMigrations(schema)).toEqual(migrations.map((m) => m.name));
  });

  it('applies each migration once when several processes start at the same time', async () => {
    const schema = newSchema('race');

    await Promise.all([1, 2, 3, 4].map(() => migrateDatabase({ databaseUrl, schema })));

    expect(await appliedMigrations(schema)).toEqual(migrations.map((m) => m.name));
  });

  it('logs each migration it applies', async () => {
    const lines: string[] = [];
    const log = {
      info: (message: string, fields?: Record<string, unknown>) =>
        lines.push(`${message} ${String(fields?.['migration'])}`),
    };

    await migrateDatabase({ databaseUrl, schema: newSchema('logged'), log: log as never });

    expect(lines).toEqual(migrations.map((m) => `migration applied ${m.name}`));
  });

  it('refuses a schema name that is not a plain identifier', async () => {
    await expect(migrateDatabase({ databaseUrl, schema: 'x"; drop table y; --' })).rejects.toThrow(
      /Invalid schema name/,
    );
  });

  it('builds exactly what the entities describe, so no migration is missing', async () => {
    const diff = await schemaDiff(databaseUrl, newSchema('drift'));

    expect(diff.up).toEqual([]);
  });
});
