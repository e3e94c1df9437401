import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { WorkflowDefinition } from './workflowDefinition';

/** Free-form data a case carries, as the requester supplied it. */
export type CaseData = Record<string, unknown>;

/**
 * One running instance of a definition version. `version` is the optimistic lock: every UPDATE is
 * checked against it and bumps it, so a stale writer gets an OptimisticLockError instead of a lost update.
 */
export const Case = defineEntity({
  name: 'Case',
  tableName: 'cases',
  properties: {
    id: p.uuid().primary(),
    tenantId: p.string().length(64),
    definition: () =>
      p
        .manyToOne(WorkflowDefinition)
        .ref()
        .joinColumns('definition_key', 'definition_version')
        .updateRule('no action')
        .deleteRule('no action'),
    state: p.string().length(64),
    title: p.string().length(200),
    data: p.json<CaseData>().columnType('jsonb'),
    requester: p.string().length(64),
    assignee: p.string().length(64).nullable(),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  indexes: [
    { name: 'cases_tenant_state_idx', properties: ['tenantId', 'state'] },
    { name: 'cases_tenant_requester_idx', properties: ['tenantId', 'requester'] },
    { name: 'cases_definition_idx', properties: ['definition'] },
  ],
});

/** A row of `cases`. */
export type Case = InferEntity<typeof Case>;
