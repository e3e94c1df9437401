import { LockMode } from '@mikro-orm/core';
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

/**
 * The highest version of `key`, locked FOR SHARE until the transaction ends so it cannot be retired
 * meanwhile (retireVersion waits); null when the key was never published. Call inside a transaction.
 */
export function latestVersionShared(em: EntityManager, key: string): Promise<WorkflowDefinition | null> {
  return em.findOne(WorkflowDefinition, { key }, { orderBy: { version: 'desc' }, lockMode: LockMode.PESSIMISTIC_READ });
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

/** Every version of `key`, oldest first; empty when the key was never published. */
export function definitionVersions(em: EntityManager, key: string): Promise<WorkflowDefinition[]> {
  return em.find(WorkflowDefinition, { key }, { orderBy: { version: 'asc' } });
}

/**
 * Retires one version: no new case opens on it; running cases keep it. Retiring a retired version
 * changes nothing (its first retirement stands). Call inside a transaction; the row is flushed.
 * @returns the version as it is now, and whether this call retired it; null when it does not exist.
 */
export async function retireVersion(
  em: EntityManager,
  key: string,
  version: number,
  retiredBy: string,
): Promise<{ definition: WorkflowDefinition; retired: boolean } | null> {
  const definition = await em.findOne(WorkflowDefinition, { key, version }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (definition === null) return null;
  if (definition.status === 'retired') return { definition, retired: false };

  definition.status = 'retired';
  definition.retiredBy = retiredBy;
  definition.retiredAt = new Date();
  await em.flush();
  return { definition, retired: true };
}
