import { MikroORM } from '@mikro-orm/postgresql';
import { migrateDatabase } from './migrate';
import { MIGRATIONS_TABLE, ormOptions } from './ormOptions';
import { quotedSchema } from './schemaName';

/** SQL statements, without trailing semicolons, in the order they apply. */
export interface SchemaDiff {
  up: string[];
  down: string[];
}

// The diff runs in a scratch schema; migrations must not name it (they run with search_path set).
function statements(sql: string, scratch: string): string[] {
  const qualifier = `${quotedSchema(scratch)}.`;
  return sql
    .split(/;\n/)
    .map((statement) => statement.trim().replace(/;$/, ''))
    .filter((statement) => statement.length > 0)
    .filter((statement) => !/^(create|drop) schema /i.test(statement))
    .map((statement) => statement.replaceAll(qualifier, ''));
}

/**
 * What the entities describe beyond what the migrations build: migrates the empty schema `scratch`,
 * compares it with the entity metadata, then drops `scratch`. Empty `up` means they agree.
 * Statements name no schema. @throws when the database is unreachable or a migration fails.
 */
export async function schemaDiff(databaseUrl: string, scratch: string): Promise<SchemaDiff> {
  await migrateDatabase({ databaseUrl, schema: scratch });
  const options = ormOptions({ databaseUrl, schema: scratch, poolSize: 1 });
  const orm = await MikroORM.init({ ...options, schemaGenerator: { skipTables: [MIGRATIONS_TABLE] } });
  try {
    const diff = await orm.schema.getUpdateSchemaMigrationSQL({ schema: scratch, wrap: false, dropTables: true });
    return { up: statements(diff.up, scratch), down: statements(diff.down, scratch) };
  } finally {
    await orm.em.getConnection().execute(`drop schema if exists ${quotedSchema(scratch)} cascade`);
    await orm.close();
  }
}
