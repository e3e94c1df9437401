import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { WorkflowDefinitionDocument } from '../../workflow/definitionSchema';

/** Lifecycle of a published definition version: new cases open only on active versions. */
export const DefinitionStatuses = ['active', 'retired'] as const;

/**
 * One published version of a workflow definition, keyed by (key, version). Rows are immutable once
 * written, except for `status` (and who retired it, when): a version may be retired, never edited,
 * un-retired or deleted; a trigger refuses anything else.
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
    retiredBy: p.string().length(64).nullable(),
    retiredAt: p.datetime().nullable(),
  },
  // Created with its function by Migration20261203120000_audit_trail; declared so schema diffs keep it.
  triggers: [
    {
      name: 'workflow_definitions_immutable',
      timing: 'before',
      events: ['update', 'delete'],
      expression: `create trigger "workflow_definitions_immutable" before update or delete on "workflow_definitions" for each row execute function "signoff_guard_definition_change"()`,
    },
  ],
});

/** A row of `workflow_definitions`. */
export type WorkflowDefinition = InferEntity<typeof WorkflowDefinition>;
