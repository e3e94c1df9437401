import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../../shared/db/ormOptions';
import { quotedSchema } from '../../shared/db/schemaName';

/** A PostgreSQL schema name no other test file uses: `<label>_<random hex>`. */
export function freshSchemaName(label: string): string {
  return `${label.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_${randomBytes(5).toString('hex')}`;
}

/** Drops `schema` and everything in it, over a short-lived connection of its own. */
export async function dropSchema(databaseUrl: string, schema: string): Promise<void> {
  const orm = await MikroORM.init(ormOptions({ databaseUrl, schema, poolSize: 1 }));
  try {
    await orm.em.getConnection().execute(`drop schema if exists ${quotedSchema(schema)} cascade`);
  } finally {
    await orm.close();
  }
}
