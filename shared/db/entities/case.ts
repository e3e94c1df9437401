import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { WorkflowDefinition } from './workflowDefinition';

/** Free-form data a case carries, as the requester supplied it. */
export type CaseData = Record<string, unknown>;

/** Columns a case list filters on with equality (label used in the index name, column). */
const LIST_FILTERS = [
  ['workflow_key', 'definition_key'],
  ['state', 'state'],
  ['requester', 'requester'],
  ['assignee', 'assignee'],
] as const;

/** Sort orders of a case list: the timestamp column is `<sort>_at`; the id breaks ties. */
const LIST_SORTS = ['created', 'updated'] as const;

function keysetIndex(name: string, columns: string[]) {
  const list = columns.map((column) => `"${column}"`).join(', ');
  return { name, expression: `create index "${name}" on "cases" (${list})` };
}

// Written as SQL: an index on definition_key alone cannot be declared through the composite reference.
function listIndexes() {
  return LIST_SORTS.flatMap((sort) => [
    keysetIndex(`cases_tenant_${sort}_idx`, ['tenant_id', `${sort}_at`, 'id']),
    ...LIST_FILTERS.map(([label, column]) =>
      keysetIndex(`cases_tenant_${label}_${sort}_idx`, ['tenant_id', column, `${sort}_at`, 'id']),
    ),
  ]);
}

/**
 * One running instance of a definition version. `version` is the optimistic lock: every UPDATE is
 * checked against it and bumps it, so a stale writer gets an OptimisticLockError instead of a lost update.
 * `round` numbers the approval rounds: it moves on whenever the state or the data changes, so approvals
 * given in an earlier round (for other data, or before the case left and re-entered a state) never count.
 * Lists read it through keyset indexes: (tenant, [filter column,] sort column, id) for each filter and sort.
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
    round: p.integer().default(1),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
  indexes: [
    ...listIndexes(),
    { name: 'cases_definition_idx', properties: ['definition'] },
    {
      name: 'cases_title_search_idx',
      expression: `create index "cases_title_search_idx" on "cases" using gin (to_tsvector('simple', "title"))`,
    },
  ],
});

/** A row of `cases`. */
export type Case = InferEntity<typeof Case>;
