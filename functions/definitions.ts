import { authenticatedPrincipal } from '../shared/auth/principal';
import { parseRoleHierarchy, Roles } from '../shared/auth/roles';
import { getConfig } from '../shared/config/load';
import {
  definitionVersion,
  latestDefinitions,
  latestVersion,
  publishDefinition as storeDefinition,
} from '../shared/db/definitions';
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
  tags: ['definitions'],
  access: { role: Roles.Admin },
  rateClass: 'admin',
  idempotency: 'optional',
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

registerEndpoints(publishDefinition, listDefinitions, getDefinition, getDefinitionVersion);
