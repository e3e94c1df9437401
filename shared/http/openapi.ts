import { Type, type Static } from '@sinclair/typebox';
import { API_INFO, TAG_DESCRIPTIONS } from './apiInfo';
import type { EndpointSpec } from './endpoint';
import { operationFor, SECURITY_SCHEME } from './openapiOperation';
import { SERVER_URL } from './openapiPath';
import { RESPONSE_HEADERS } from './openapiResponses';
import { SchemaComponents } from './openapiSchemas';
import type { JsonSchema } from './schemaWalk';

/** The shape of the served OpenAPI document, as far as the API promises it (the response schema). */
export const OpenApiDocumentSchema = Type.Object(
  {
    openapi: Type.String({ description: 'OpenAPI version: 3.1.x.' }),
    info: Type.Object({ title: Type.String(), version: Type.String() }),
    paths: Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown())),
  },
  { $id: 'OpenApiDocument', description: 'An OpenAPI 3.1 document.' },
);

/** An OpenAPI 3.1 document. */
export type OpenApiDocument = Static<typeof OpenApiDocumentSchema> & Record<string, unknown>;

/** What the document says about where and how to call the API. */
export interface OpenApiOptions {
  /** OpenID Connect discovery URL of the identity provider (AUTH_METADATA_URL). */
  metadataUrl: string;
}

function securitySchemes(options: OpenApiOptions): JsonSchema {
  return {
    [SECURITY_SCHEME]: {
      type: 'openIdConnect',
      openIdConnectUrl: options.metadataUrl,
      description:
        'Microsoft Entra ID access token for the Signoff API, sent as `Authorization: Bearer <token>`. ' +
        'Operations that need an app role name it (x-required-role); roles imply the ones below them. ' +
        'Protected operations without x-required-role accept any valid token.',
    },
  };
}

const REQUEST_ID_PARAMETER = {
  name: 'X-Request-Id',
  in: 'header',
  required: false,
  description: 'Your id for this request (1-128 of A-Z a-z 0-9 . _ : -); echoed back, else one is generated.',
  schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' },
};

function collectPaths(endpoints: readonly EndpointSpec[], schemas: SchemaComponents): Record<string, JsonSchema> {
  const paths: Record<string, JsonSchema> = {};
  for (const spec of endpoints) {
    const { path, operation } = operationFor(spec, schemas);
    const item = (paths[path] ??= {});
    const method = spec.method.toLowerCase();
    if (item[method]) throw new Error(`Two endpoints answer ${spec.method} ${path}: ${spec.name} and another`);
    item[method] = operation;
  }
  return Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)));
}

function tagsOf(endpoints: readonly EndpointSpec[]): { name: string; description?: string }[] {
  const names = [...new Set(endpoints.flatMap((spec) => spec.tags))].sort();
  return names.map((name) => (TAG_DESCRIPTIONS[name] ? { name, description: TAG_DESCRIPTIONS[name] } : { name }));
}

/**
 * Builds the OpenAPI 3.1 document of `endpoints` (normally registeredEndpoints()): one operation per
 * endpoint, named schemas ($id) hoisted into components, the shared Problem schema for every error
 * response, and the Entra security scheme. The same TypeBox objects serve validation and this document.
 * @throws when two endpoints share a path and method, a route has no OpenAPI form, the route and params
 *   schema disagree, or two different schemas share a $id.
 */
export function buildOpenApiDocument(endpoints: readonly EndpointSpec[], options: OpenApiOptions): OpenApiDocument {
  const schemas = new SchemaComponents();
  const paths = collectPaths(endpoints, schemas);
  const info = { ...API_INFO, contact: { name: 'Signoff maintainers' } };
  return {
    openapi: '3.1.0',
    info,
    servers: [{ url: SERVER_URL, description: 'The host serving this document' }],
    security: [{ [SECURITY_SCHEME]: [] }],
    tags: tagsOf(endpoints),
    paths,
    components: {
      schemas: schemas.components(),
      parameters: { RequestId: REQUEST_ID_PARAMETER },
      headers: RESPONSE_HEADERS,
      securitySchemes: securitySchemes(options),
    },
  };
}
