import { randomBytes } from 'node:crypto';
import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { migrateDatabase } from '../../../shared/db/migrate';
import { ormOptions } from '../../../shared/db/ormOptions';

/** A migrated schema of its own for one test file, and an ORM bound to it. */
export interface TestSchema {
  schema: string;
  databaseUrl: string;
  orm: MikroORM;
  /** A fresh EntityManager fork. */
  em(): EntityManager;
  /** Drops the schema and closes the ORM. */
  drop(): Promise<void>;
}

/** A unique schema name for `label`: t_<label>_<random>. */
export function uniqueSchemaName(label: string): string {
  return `t_${label}_${randomBytes(4).toString('hex')}`;
}

/** Creates and migrates a schema named after `label`, for the calling test file only. */
export async function createTestSchema(label: string): Promise<TestSchema> {
  const databaseUrl = process.env['DATABASE_URL']!;
  const schema = uniqueSchemaName(label);
  await migrateDatabase({ databaseUrl, schema });
  const orm = await MikroORM.init(ormOptions({ databaseUrl, schema, poolSize: 5 }));
  return {
    schema,
    databaseUrl,
    orm,
    em: () => orm.em.fork() as EntityManager,
    drop: async () => {
      await orm.em.getConnection().execute(`drop schema if exists "${schema}" cascade`);
      await orm.close();
    },
  };
}
