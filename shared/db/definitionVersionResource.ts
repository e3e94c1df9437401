import type { Static } from '@sinclair/typebox';
import type { DefinitionVersionSchema } from './definitionVersionSchemas';
import type { WorkflowDefinition } from './entities';
import { definitionSummary } from './resources';

/** One version of a definition as the version list shows it. */
export function definitionVersionResource(row: WorkflowDefinition): Static<typeof DefinitionVersionSchema> {
  return {
    ...definitionSummary(row),
    retiredBy: row.retiredBy ?? null,
    retiredAt: row.retiredAt?.toISOString() ?? null,
  };
}
