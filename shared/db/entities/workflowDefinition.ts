import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { WorkflowDefinitionDocument } from '../../workflow/definitionSchema';

/** Lifecycle of a published definition version: new cases open only on active versions. */
export const DefinitionStatuses = ['active', 'retired'] as const;

/**
 * One published version of a workflow definition, keyed by (key, version). Rows are immutable once
 * written, except for `status`: a version may be retired, never edited.
 */
export const WorkflowDefinition = defineEntity({
  name: 'WorkflowDefinition',
  tableName: 'workflow_definitions',
  properties: {
    key: p.string().length(64).primary(),
    version: p.integer().primary(),
    title: p.string().length(200),
    document: p.json<WorkflowDefinitionDocument>().columnType('jsonb'),
    status: p.enum(DefinitionStatuses).default('active'),
    publishedBy: p.string().length(64),
    publishedAt: p.datetime().defaultRaw('now()'),
  },
});

/** A row of `workflow_definitions`. */
export type WorkflowDefinition = InferEntity<typeof WorkflowDefinition>;
