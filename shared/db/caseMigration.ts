import { OptimisticLockError, ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FieldError } from '../http/problem';
import { Problem } from '../http/problem';
import type { WorkflowDefinitionDocument } from '../workflow/definitionSchema';
import type { Actor } from './actor';
import { AuditEventTypes } from './auditEventSchemas';
import { appendCaseEvent } from './caseEvents';
import { definitionVersion } from './definitions';
import { MAX_MIGRATION_CASES, type CaseMigrationBody, type MigratedCase } from './definitionVersionSchemas';
import { Case, type WorkflowDefinition } from './entities';

/** What a migration moves, checked and loaded: both versions and every case, none of them changed yet. */
export interface CaseMigrationPlan {
  key: string;
  from: WorkflowDefinition;
  to: WorkflowDefinition;
  stateMapping: Record<string, string>;
  reason: string | null;
  cases: Case[];
}

function stateNames(document: WorkflowDefinitionDocument): Set<string> {
  return new Set(document.states.map((s) => s.name));
}

function terminalStates(document: WorkflowDefinitionDocument): string[] {
  return document.states.filter((s) => s.terminal === true).map((s) => s.name);
}

async function version(em: EntityManager, key: string, number: number): Promise<WorkflowDefinition> {
  const found = await definitionVersion(em, key, number);
  if (found === null) throw new Problem('not_found', { detail: `"${key}" has no version ${number}.` });
  return found;
}

function mappingErrors(mapping: Record<string, string>, from: WorkflowDefinition, to: WorkflowDefinition) {
  const [known, target] = [stateNames(from.document), stateNames(to.document)];
  return Object.entries(mapping).flatMap(([old, next]): FieldError[] => [
    ...(known.has(old)
      ? []
      : [{ pointer: `/body/stateMapping/${old}`, message: `version ${from.version} has no state "${old}"` }]),
    ...(target.has(next)
      ? []
      : [{ pointer: `/body/stateMapping/${old}`, message: `version ${to.version} has no state "${next}"` }]),
  ]);
}

function refuseBadTarget(body: CaseMigrationBody, from: WorkflowDefinition, to: WorkflowDefinition): void {
  if (body.toVersion <= body.fromVersion) {
    throw new Problem('unprocessable', {
      detail: 'Cases migrate to a newer version only.',
      errors: [{ pointer: '/body/toVersion', message: `must be greater than fromVersion (${body.fromVersion})` }],
    });
  }
  if (to.status === 'retired') {
    throw new Problem('definition_retired', {
      detail: `Version ${to.version} is retired; migrate onto an active one.`,
    });
  }
  const errors = mappingErrors(body.stateMapping, from, to);
  if (errors.length > 0)
    throw new Problem('unprocessable', { detail: 'The state mapping names unknown states.', errors });
}

function runningCases(em: EntityManager, tenantId: string, from: WorkflowDefinition, caseIds?: string[]) {
  return em.find(
    Case,
    {
      tenantId,
      definition: { key: from.key, version: from.version },
      state: { $nin: terminalStates(from.document) },
      ...(caseIds === undefined ? {} : { id: { $in: caseIds } }),
    },
    { orderBy: { createdAt: 'asc', id: 'asc' }, limit: MAX_MIGRATION_CASES + 1 },
  );
}

function refuseMissing(caseIds: string[] | undefined, found: Case[], from: WorkflowDefinition): void {
  if (caseIds === undefined) return;
  const ids = new Set(found.map((c) => c.id));
  const errors = caseIds.flatMap((id, index) =>
    ids.has(id)
      ? []
      : [{ pointer: `/body/caseIds/${index}`, message: `not a running case of ${from.key} version ${from.version}` }],
  );
  if (errors.length > 0) throw new Problem('unprocessable', { detail: 'Some cases cannot be migrated.', errors });
}

function refuseUnmapped(cases: Case[], mapping: Record<string, string>): void {
  const unmapped = cases.filter((c) => !Object.hasOwn(mapping, c.state));
  if (unmapped.length === 0) return;
  throw new Problem('migration_unmapped', {
    errors: unmapped.map((c) => ({
      pointer: '/body/stateMapping',
      message: `case ${c.id} is in state "${c.state}", which the mapping does not cover`,
    })),
    extensions: { unmappedCases: unmapped.map((c) => ({ caseId: c.id, state: c.state })) },
  });
}

/**
 * Checks a migration of `tenantId`'s running cases (not in a terminal state) of `key` from one version to
 * a newer, active one and loads the cases, changing nothing. Every problem is refused before any case
 * moves: an unknown version (404), a target that is not newer or names unknown states (422), a retired
 * target (409), listed cases that are not running cases of the source version (422), more than
 * MAX_MIGRATION_CASES cases (422), and cases in a state the mapping does not cover (422
 * migration_unmapped, listing every one). Call inside the transaction that applies the plan.
 */
export async function planCaseMigration(
  em: EntityManager,
  tenantId: string,
  key: string,
  body: CaseMigrationBody,
): Promise<CaseMigrationPlan> {
  const [from, to] = [await version(em, key, body.fromVersion), await version(em, key, body.toVersion)];
  refuseBadTarget(body, from, to);

  const cases = await runningCases(em, tenantId, from, body.caseIds);
  if (cases.length > MAX_MIGRATION_CASES) {
    throw new Problem('unprocessable', {
      detail: `More than ${MAX_MIGRATION_CASES} cases would move; migrate them in batches with caseIds.`,
    });
  }
  refuseMissing(body.caseIds, cases, from);
  refuseUnmapped(cases, body.stateMapping);
  return { key, from, to, stateMapping: body.stateMapping, reason: body.reason ?? null, cases };
}

async function migrateOne(em: EntityManager, plan: CaseMigrationPlan, row: Case, actor: Actor): Promise<MigratedCase> {
  const fromState = row.state;
  const toState = plan.stateMapping[fromState]!;
  row.definition = ref(plan.to);
  row.state = toState;
  // A migration moves the case: approvals given towards a quorum before it no longer count.
  row.round += 1;
  await em.flush();

  const event = await appendCaseEvent(em, {
    caseId: row.id,
    type: AuditEventTypes.Migrated,
    actor,
    reason: plan.reason,
    payload: { fromVersion: plan.from.version, toVersion: plan.to.version, fromState, toState },
  });
  return { caseId: row.id, fromState, toState, version: row.version, eventId: event.id };
}

/**
 * Moves every planned case to the target version and its mapped state, each with a version-checked
 * UPDATE (a case changed since the plan loaded it fails the whole migration) and a case.migrated audit
 * event (with its outbox message). Call in the transaction that made the plan.
 * @throws Problem version_conflict (409) naming the case that changed meanwhile; nothing is migrated.
 */
export async function applyCaseMigration(
  em: EntityManager,
  plan: CaseMigrationPlan,
  actor: Actor,
): Promise<MigratedCase[]> {
  const migrated: MigratedCase[] = [];
  for (const row of plan.cases) {
    try {
      migrated.push(await migrateOne(em, plan, row, actor));
    } catch (error) {
      if (!(error instanceof OptimisticLockError)) throw error;
      throw new Problem('version_conflict', {
        detail: `Case ${row.id} changed while it was being migrated; nothing was migrated. Retry the migration.`,
      });
    }
  }
  return migrated;
}
