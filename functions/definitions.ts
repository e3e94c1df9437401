import { authenticatedPrincipal } from '../shared/auth/principal';
import { parseRoleHierarchy, Roles } from '../shared/auth/roles';
import { getConfig } from '../shared/config/load';
import { actorOf } from '../shared/db/actor';
import { applyCaseMigration, planCaseMigration } from '../shared/db/caseMigration';
import {
  definitionVersion,
  definitionVersions,
  latestDefinitions,
  latestVersion,
  publishDefinition as storeDefinition,
  retireVersion,
} from '../shared/db/definitions';
import { definitionVersionResource } from '../shared/db/definitionVersionResource';
import {
  CaseMigrationBodySchema,
  CaseMigrationResultSchema,
  DefinitionVersionListSchema,
  DefinitionVersionSchema,
} from '../shared/db/definitionVersionSchemas';
import type { WorkflowDefinition } from '../shared/db/entities';
import { definitionSummary, publishedDefinition } from '../shared/db/resources';
import { unstorableText } from '../shared/db/storableText';
import { defineEndpoint, type EndpointSpec } from '../shared/http/endpoint';
import { Problem } from '../shared/http/problem';
import { registerEndpoints } from '../shared/http/register';
import { ROUTE_PREFIX } from '../shared/http/routePrefix';
import { checkDefinition } from '../shared/workflow/checkDefinition';
import { WorkflowDefinitionDocumentSchema, type WorkflowDefinitionDocument } from '../shared/workflow/definitionSchema';
import {
  DefinitionKeyParamsSchema,
  DefinitionListSchema,
  DefinitionVersionParamsSchema,
  PublishedDefinitionSchema,
} from '../shared/workflow/publishedDefinitionSchemas';

const reader = {
  method: 'GET',
  tags: ['definitions'],
  access: { role: Roles.Reader },
  rateClass: 'read',
  idempotency: 'none',
  successStatus: 200,
} as const satisfies Partial<EndpointSpec>;

// Changing what cases run on is for admins who have just passed MFA (the pipeline checks stepUp).
const adminAction = {
  tags: ['definitions'],
  access: { role: Roles.Admin },
  stepUp: true,
  rateClass: 'admin',
  idempotency: 'optional',
} as const satisfies Partial<EndpointSpec>;

function location(row: WorkflowDefinition): string {
  return `/${ROUTE_PREFIX}/v1/definitions/${row.key}/versions/${row.version}`;
}

/** The roles a definition may name: Signoff's app roles and any the configured hierarchy adds. */
function knownRoles(): string[] {
  return [...new Set([...Object.values(Roles), ...parseRoleHierarchy(getConfig().authRoleHierarchy)])];
}

function definitionProblems(document: WorkflowDefinitionDocument) {
  const problems = [...unstorableText(document, ''), ...checkDefinition(document, { knownRoles: knownRoles() })];
  return problems.map((p) => ({ pointer: `/body${p.pointer}`, message: p.message }));
}

function found(row: WorkflowDefinition | null, detail: string): WorkflowDefinition {
  if (row === null) throw new Problem('not_found', { detail });
  return row;
}

/** POST /api/v1/definitions: publishes a definition as the next version of its key. */
export const publishDefinition = defineEndpoint({
  name: 'publishDefinition',
  method: 'POST',
  route: 'v1/definitions',
  summary: 'Publish a workflow definition; an existing key gets its next version',
  ...adminAction,
  successStatus: 201,
  schemas: { body: WorkflowDefinitionDocumentSchema, response: PublishedDefinitionSchema },
  problems: ['definition_invalid'],
  handler: async ({ body, principal, log, transaction }) => {
    const admin = authenticatedPrincipal(principal);
    const errors = definitionProblems(body);
    if (errors.length > 0) throw new Problem('definition_invalid', { errors });

    return transaction(async (em) => {
      const row = await storeDefinition(em, body, admin.objectId);
      log.info('definition published', { definitionKey: row.key, definitionVersion: row.version });
      return { status: 201, body: publishedDefinition(row), headers: { location: location(row) } };
    });
  },
});

/** GET /api/v1/definitions: the latest version of every definition. */
export const listDefinitions = defineEndpoint({
  ...reader,
  name: 'listDefinitions',
  route: 'v1/definitions',
  summary: 'List workflow definitions, the latest version of each key',
  schemas: { response: DefinitionListSchema },
  handler: async ({ em }) => ({ body: { items: (await latestDefinitions(await em())).map(definitionSummary) } }),
});

/** GET /api/v1/definitions/{key}: the latest version of one definition. */
export const getDefinition = defineEndpoint({
  ...reader,
  name: 'getDefinition',
  route: 'v1/definitions/{key}',
  summary: 'Get the latest version of a workflow definition',
  schemas: { params: DefinitionKeyParamsSchema, response: PublishedDefinitionSchema },
  problems: ['not_found'],
  handler: async ({ params, em }) => {
    const row = found(await latestVersion(await em(), params.key), 'No definition has this key.');
    return { body: publishedDefinition(row) };
  },
});

/** GET /api/v1/definitions/{key}/versions/{version}: one published version. */
export const getDefinitionVersion = defineEndpoint({
  ...reader,
  name: 'getDefinitionVersion',
  route: 'v1/definitions/{key}/versions/{version}',
  summary: 'Get one published version of a workflow definition',
  schemas: { params: DefinitionVersionParamsSchema, response: PublishedDefinitionSchema },
  problems: ['not_found'],
  handler: async ({ params, em }) => {
    const row = found(await definitionVersion(await em(), params.key, params.version), 'No such definition version.');
    return { body: publishedDefinition(row) };
  },
});

/** GET /api/v1/definitions/{key}/versions: every version of a definition, oldest first. */
export const listDefinitionVersions = defineEndpoint({
  ...reader,
  name: 'listDefinitionVersions',
  route: 'v1/definitions/{key}/versions',
  summary: 'List every version of a workflow definition, with its status',
  schemas: { params: DefinitionKeyParamsSchema, response: DefinitionVersionListSchema },
  problems: ['not_found'],
  handler: async ({ params, em }) => {
    const rows = await definitionVersions(await em(), params.key);
    if (rows.length === 0) throw new Problem('not_found', { detail: 'No definition has this key.' });
    return { body: { key: params.key, items: rows.map(definitionVersionResource) } };
  },
});

/**
 * POST /api/v1/definitions/{key}/versions/{version}/retire: no new case opens on the version; running
 * cases keep it. Retiring a retired version answers as the first retirement left it.
 */
export const retireDefinitionVersion = defineEndpoint({
  ...adminAction,
  name: 'retireDefinitionVersion',
  method: 'POST',
  route: 'v1/definitions/{key}/versions/{version}/retire',
  summary: 'Retire a definition version: no new cases on it; running cases keep it',
  successStatus: 200,
  schemas: { params: DefinitionVersionParamsSchema, response: DefinitionVersionSchema },
  problems: ['not_found'],
  handler: async ({ params, principal, log, transaction }) => {
    const admin = authenticatedPrincipal(principal);

    return transaction(async (em) => {
      const outcome = await retireVersion(em, params.key, params.version, admin.objectId);
      if (outcome === null) throw new Problem('not_found', { detail: 'No such definition version.' });
      if (outcome.retired)
        log.info('definition retired', { definitionKey: params.key, definitionVersion: params.version });
      return { body: definitionVersionResource(outcome.definition) };
    });
  },
});

/**
 * POST /api/v1/definitions/{key}/migrations: moves the caller's tenant's running cases from one version
 * to a newer one with an explicit state mapping, all or nothing, each case version-checked and audited.
 */
export const migrateCases = defineEndpoint({
  ...adminAction,
  name: 'migrateCases',
  method: 'POST',
  route: 'v1/definitions/{key}/migrations',
  summary: 'Migrate running cases to a newer definition version with a state mapping',
  successStatus: 200,
  schemas: { params: DefinitionKeyParamsSchema, body: CaseMigrationBodySchema, response: CaseMigrationResultSchema },
  problems: ['not_found', 'unprocessable', 'migration_unmapped', 'definition_retired', 'version_conflict'],
  handler: async ({ params, body, principal, requestId, log, transaction }) => {
    const admin = authenticatedPrincipal(principal);

    return transaction(async (em) => {
      const plan = await planCaseMigration(em, admin.tenantId, params.key, body);
      const migrated = await applyCaseMigration(em, plan, actorOf(admin, requestId));
      const fields = { definitionKey: params.key, fromVersion: body.fromVersion, toVersion: body.toVersion };
      log.info('cases migrated', { ...fields, cases: migrated.length });
      return { body: { key: params.key, fromVersion: body.fromVersion, toVersion: body.toVersion, migrated } };
    });
  },
});

registerEndpoints(
  publishDefinition,
  listDefinitions,
  getDefinition,
  getDefinitionVersion,
  listDefinitionVersions,
  retireDefinitionVersion,
  migrateCases,
);
