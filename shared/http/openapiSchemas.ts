import type { TSchema } from '@sinclair/typebox';
import { isDeepStrictEqual } from 'node:util';
import { mapSubschemas, type JsonSchema } from './schemaWalk';

const COMPONENT_NAME = /^[A-Za-z0-9._-]+$/;
const COMPONENT_REF = '#/components/schemas/';

/**
 * Draft-07 tuples (TypeBox's `items: [...]`) become 2020-12 `prefixItems`, as OpenAPI 3.1 reads them.
 * No further items is written `{ not: {} }`, the same as `false`, because linters read `items: false` as
 * a missing `items`.
 */
function tupleAs2020(schema: JsonSchema): JsonSchema {
  if (!Array.isArray(schema['items'])) return schema;
  const { items, additionalItems, ...rest } = schema;
  return { ...rest, prefixItems: items, items: additionalItems === false ? { not: {} } : {} };
}

/**
 * Converts TypeBox schemas to OpenAPI 3.1 schemas, hoisting every named schema (one with a `$id`) into
 * components.schemas and putting a `$ref` in its place, so a schema shared by several endpoints is
 * defined once in the document. The TypeBox objects themselves are never modified.
 */
export class SchemaComponents {
  private readonly named = new Map<string, JsonSchema>();
  private readonly referenced = new Set<string>();

  /**
   * The OpenAPI form of `schema`. A bare `$ref` to a name (TypeBox's Type.Ref) points at that component.
   * @throws when a `$id` is not a valid component name, or two different schemas share one `$id`.
   */
  convert(schema: TSchema | JsonSchema): JsonSchema {
    const node = schema as JsonSchema;
    const id = node['$id'];
    if (typeof id === 'string') return this.hoist(id, node);

    const ref = node['$ref'];
    if (typeof ref === 'string' && !ref.startsWith('#')) {
      this.referenced.add(ref);
      return { ...mapSubschemas(node, (child) => this.convert(child)), $ref: `${COMPONENT_REF}${ref}` };
    }
    return tupleAs2020(mapSubschemas(node, (child) => this.convert(child)));
  }

  /**
   * Every named schema met so far, by name in alphabetical order.
   * @throws when a `$ref` names a schema that no converted schema defines.
   */
  components(): Record<string, JsonSchema> {
    const missing = [...this.referenced].filter((name) => !this.named.has(name));
    if (missing.length > 0) throw new Error(`Schemas referenced but never defined: ${missing.join(', ')}`);
    return Object.fromEntries([...this.named.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  private hoist(id: string, node: JsonSchema): JsonSchema {
    if (!COMPONENT_NAME.test(id)) throw new Error(`Schema $id "${id}" is not a valid OpenAPI component name`);
    const anonymous = { ...node };
    delete anonymous['$id'];
    const converted = this.convert(anonymous);

    const existing = this.named.get(id);
    if (existing && !isDeepStrictEqual(existing, converted)) {
      throw new Error(`Two different schemas carry the $id "${id}"; give one of them another name`);
    }
    this.named.set(id, converted);
    return { $ref: `${COMPONENT_REF}${id}` };
  }
}
