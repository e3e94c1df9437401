import type { TObject } from '@sinclair/typebox';
import type { EndpointSpec } from './endpoint';
import { openApiPath } from './openapiPath';
import { operationResponses } from './openapiResponses';
import type { SchemaComponents } from './openapiSchemas';
import type { JsonSchema } from './schemaWalk';

/** Name of the security scheme in components.securitySchemes. */
export const SECURITY_SCHEME = 'entra';

function propertyOf(object: TObject | undefined, name: string): JsonSchema | undefined {
  return object?.properties[name] as JsonSchema | undefined;
}

function parameter(name: string, location: 'path' | 'query', required: boolean, schema: JsonSchema): JsonSchema {
  const described = typeof schema['description'] === 'string' ? { description: schema['description'] } : {};
  return { name, in: location, required, ...described, schema };
}

function pathParameters(spec: EndpointSpec, names: string[], schemas: SchemaComponents): JsonSchema[] {
  const declared = Object.keys(spec.schemas.params?.properties ?? {});
  const undeclared = declared.filter((name) => !names.includes(name));
  if (undeclared.length > 0)
    throw new Error(`Endpoint ${spec.name}: params not in its route: ${undeclared.join(', ')}`);

  return names.map((name) => {
    const schema = propertyOf(spec.schemas.params, name);
    if (!schema) throw new Error(`Endpoint ${spec.name}: route parameter {${name}} missing from schemas.params`);
    return parameter(name, 'path', true, schemas.convert(schema));
  });
}

function queryParameters(spec: EndpointSpec, schemas: SchemaComponents): JsonSchema[] {
  const query = spec.schemas.query;
  if (!query) return [];
  const required = new Set(query.required ?? []);
  return Object.keys(query.properties).map((name) =>
    parameter(name, 'query', required.has(name), schemas.convert(propertyOf(query, name)!)),
  );
}

const IF_MATCH = {
  name: 'If-Match',
  in: 'header',
  required: true,
  description: 'The strong ETag of your last read ("7"); weak tags and * are refused.',
  schema: { type: 'string', minLength: 2 },
};

function headerParameters(spec: EndpointSpec): JsonSchema[] {
  const requestId = { $ref: '#/components/parameters/RequestId' };
  const ifMatch = spec.ifMatch === 'required' ? [IF_MATCH] : [];
  return [requestId, ...ifMatch, ...idempotencyParameters(spec)];
}

function idempotencyParameters(spec: EndpointSpec): JsonSchema[] {
  if (spec.idempotency === 'none') return [];
  const idempotencyKey = {
    name: 'Idempotency-Key',
    in: 'header',
    required: spec.idempotency === 'required',
    description:
      'Unique per logical operation: 1 to 255 visible ASCII characters, optionally quoted. A retry with the ' +
      'same key and payload within 24 hours replays the first answer (Idempotent-Replayed: true).',
    schema: { type: 'string', minLength: 1, maxLength: 257 },
  };
  return [idempotencyKey];
}

function accessText(access: EndpointSpec['access']): string {
  if (access === 'public') return 'Public: no token needed.';
  if (access === 'authenticated') return 'Needs a valid bearer token; no app role is required.';
  return `Needs a bearer token whose principal holds the ${access.role} role (or one above it).`;
}

function description(spec: EndpointSpec): string {
  const access = accessText(spec.access);
  const idempotency = {
    required: ' Send an Idempotency-Key header.',
    optional: ' An Idempotency-Key header makes retries safe.',
    none: '',
  }[spec.idempotency];
  return `${spec.summary}. ${access}${idempotency}`;
}

function requestBody(spec: EndpointSpec, schemas: SchemaComponents): JsonSchema | undefined {
  const body = spec.schemas.body;
  // A body schema with a default makes the body optional: an empty one stands for the default.
  const required = (body as { default?: unknown } | undefined)?.default === undefined;
  return body && { required, content: { 'application/json': { schema: schemas.convert(body) } } };
}

/**
 * The OpenAPI operation object of one endpoint: operationId = spec name, parameters from the params and
 * query schemas (plus X-Request-Id and, when the endpoint takes one, Idempotency-Key), the request body
 * from the body schema, every response (operationResponses) and its security requirement.
 * @throws when the route and the params schema name different parameters.
 */
export function operationFor(spec: EndpointSpec, schemas: SchemaComponents): { path: string; operation: JsonSchema } {
  const { path, parameters } = openApiPath(spec.route);
  const operation: JsonSchema = {
    operationId: spec.name,
    summary: spec.summary,
    description: description(spec),
    tags: spec.tags,
    parameters: [
      ...pathParameters(spec, parameters, schemas),
      ...queryParameters(spec, schemas),
      ...headerParameters(spec),
    ],
  };
  const body = requestBody(spec, schemas);
  if (body) operation['requestBody'] = body;
  operation['responses'] = operationResponses(spec, schemas);
  operation['security'] = spec.access === 'public' ? [] : [{ [SECURITY_SCHEME]: [] }];
  if (typeof spec.access === 'object') operation['x-required-role'] = spec.access.role;
  return { path, operation };
}
