/** A JSON Schema node as plain data (TypeBox schemas are plain objects plus symbol keys). */
export type JsonSchema = Record<string, unknown>;

const SCHEMA_KEYWORDS = [
  'items',
  'additionalItems',
  'additionalProperties',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
];
const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions'];

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mapEntry(key: string, value: unknown, map: (child: JsonSchema) => unknown): unknown {
  if (SCHEMA_KEYWORDS.includes(key)) {
    if (Array.isArray(value)) return value.map((v) => (isSchema(v) ? map(v) : v));
    return isSchema(value) ? map(value) : value;
  }
  if (SCHEMA_LIST_KEYWORDS.includes(key) && Array.isArray(value)) {
    return value.map((v) => (isSchema(v) ? map(v) : v));
  }
  if (SCHEMA_MAP_KEYWORDS.includes(key) && isSchema(value)) {
    return Object.fromEntries(Object.entries(value).map(([name, v]) => [name, isSchema(v) ? map(v) : v]));
  }
  return value;
}

/**
 * A plain copy of `schema` (string keys only, so TypeBox's symbol keys are dropped) in which every direct
 * subschema, found by keyword (properties, items, anyOf, ...), is replaced by `map(subschema)`. Values of
 * other keywords (const, enum, default, examples) are kept as they are, never walked into.
 */
export function mapSubschemas(schema: JsonSchema, map: (child: JsonSchema) => unknown): JsonSchema {
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, mapEntry(key, value, map)]));
}

function containsRef(schema: JsonSchema): boolean {
  let found = typeof schema['$ref'] === 'string';
  mapSubschemas(schema, (child) => (found ||= containsRef(child)));
  return found;
}

function stripIds(schema: JsonSchema): JsonSchema {
  const copy = mapSubschemas(schema, stripIds);
  delete copy['$id'];
  return copy;
}

/**
 * A copy of `schema` without any `$id`, for compiling a validator: a `$id` names a schema for the OpenAPI
 * document, and ajv refuses a name met twice (one schema nested twice in a body, or nested in one endpoint
 * and whole in another). Schemas that use `$ref` keep their ids, since a `$ref` may need them.
 */
export function withoutIds(schema: JsonSchema): JsonSchema {
  return containsRef(schema) ? schema : stripIds(schema);
}
