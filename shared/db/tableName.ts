import type { EntityManager } from '@mikro-orm/postgresql';
import { quotedSchema } from './schemaName';

/** `table` qualified with the schema `em` works in, quoted, for raw SQL: "signoff".case_events. */
export function tableIn(em: EntityManager, table: string): string {
  return `${quotedSchema(em.config.get('schema') ?? 'public')}."${table}"`;
}
