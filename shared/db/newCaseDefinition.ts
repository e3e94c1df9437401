import type { EntityManager } from '@mikro-orm/postgresql';
import { Problem } from '../http/problem';
import { latestVersionShared } from './definitions';
import type { WorkflowDefinition } from './entities';

/**
 * The definition version a new case of `key` opens on: the latest version of the key, locked FOR SHARE
 * for the rest of the transaction so a concurrent retirement waits for the case to commit. A retired
 * latest version stops new cases of the key; they never fall back to an older version, which was
 * superseded for a reason. Publish a new version to open cases again. Call inside a transaction.
 * @param pointer JSON pointer of the key in the request, for the error (e.g. '/body/workflowKey').
 * @throws Problem unprocessable (422) when the key was never published; definition_retired (409) when
 *   its latest version is retired.
 */
export async function definitionForNewCase(
  em: EntityManager,
  key: string,
  pointer: string,
): Promise<WorkflowDefinition> {
  const definition = await latestVersionShared(em, key);
  if (definition === null) {
    throw new Problem('unprocessable', {
      detail: 'No workflow definition has this key.',
      errors: [{ pointer, message: 'no definition with this key' }],
    });
  }
  if (definition.status === 'retired') {
    throw new Problem('definition_retired', {
      detail: `Version ${definition.version} of "${key}", its latest, is retired: it takes no new cases.`,
      extensions: { definitionKey: key, definitionVersion: definition.version },
    });
  }
  return definition;
}
