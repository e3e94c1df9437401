import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkflowDefinitionDocument } from '../workflow/definitionSchema';
import { WorkflowDefinition } from './entities';

// Serializes publishers of one key inside their transactions, so two of them never pick the same version.
const PUBLISH_LOCK_SQL = `select pg_advisory_xact_lock(hashtext('signoff.definition'), hashtext(?))`;

/**
 * Publishes `document` as the next version of its key (1 for a new key), active, attributed to
 * `publishedBy` (an object id). Must run inside a transaction: publishers of the same key queue on a
 * transaction-scoped advisory lock until the first one commits. The row is flushed before returning.
 */
export async function publishDefinition(
  em: EntityManager,
  document: WorkflowDefinitionDocument,
  publishedBy: string,
): Promise<WorkflowDefinition> {
  await em.execute(PUBLISH_LOCK_SQL, [document.key]);
  const latest = await latestVersion(em, document.key);

  const definition = em.create(WorkflowDefinition, {
    key: document.key,
    version: (latest?.version ?? 0) + 1,
    title: document.title,
    document,
    status: 'active',
    publishedBy,
    publishedAt: new Date(),
  });
  await em.flush();
  return definition;
}

/** The highest version of `key`, whatever its status; null when the key was never published. */
export function latestVersion(em: EntityManager, key: string): Promise<WorkflowDefinition | null> {
  return em.findOne(WorkflowDefinition, { key }, { orderBy: { version: 'desc' } });
}

/** The highest active version of `key`, the one new cases open on; null when there is none. */
export function latestActiveVersion(em: EntityManager, key: string): Promise<WorkflowDefinition | null> {
  return em.findOne(WorkflowDefinition, { key, status: 'active' }, { orderBy: { version: 'desc' } });
}

/** One exact version; null when it does not exist. */
export function definitionVersion(em: EntityManager, key: string, version: number): Promise<WorkflowDefinition | null> {
  return em.findOne(WorkflowDefinition, { key, version });
}

/** The highest version of every key, ordered by key. */
export function latestDefinitions(em: EntityManager): Promise<WorkflowDefinition[]> {
  return em
    .createQueryBuilder(WorkflowDefinition)
    .select('*')
    .distinctOn(['key'])
    .orderBy({ key: 'asc', version: 'desc' })
    .getResultList();
}
