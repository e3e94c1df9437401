import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkflowDefinitionDocument } from '../workflow/definitionSchema';
import { WorkflowDefinition } from './entities/workflowDefinition';

/** How many definition documents a process keeps (least recently used dropped first). */
const MAX_DOCUMENTS = 200;

const documents = new Map<string, WorkflowDefinitionDocument>();

function remember(id: string, document: WorkflowDefinitionDocument): void {
  documents.delete(id);
  documents.set(id, document);
  if (documents.size > MAX_DOCUMENTS) documents.delete(documents.keys().next().value as string);
}

/**
 * The document of the published definition version `key`@`version`, read once per process and schema
 * and kept: a published version's document never changes (the database refuses edits). Treat it as
 * read-only; it is shared by every caller.
 * @throws NotFoundError (MikroORM) when the version does not exist.
 */
export async function definitionDocument(
  em: EntityManager,
  key: string,
  version: number,
): Promise<WorkflowDefinitionDocument> {
  const id = `${String(em.config.get('schema'))}.${key}@${version}`;
  const kept = documents.get(id);
  if (kept !== undefined) {
    remember(id, kept);
    return kept;
  }
  const row = await em.findOneOrFail(WorkflowDefinition, { key, version });
  remember(id, row.document);
  return row.document;
}
