import type { HttpRequest } from '@azure/functions';
import type { TObject } from '@sinclair/typebox';
import { readBodyBytes, readJsonBody } from './body';
import type { EndpointSchemas, EndpointSpec, RequestContext } from './endpoint';
import { acceptsBody } from './endpointProblems';
import { Problem, type FieldError } from './problem';
import { check } from './validation';

const anyObject = { type: 'object', additionalProperties: true } as unknown as TObject;

/**
 * The query string as an object: a name given once maps to its value, a repeated name to every value in
 * order. Read from the URL, not request.query, so every host agrees on repeated names.
 */
export function queryObject(url: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URL(url).searchParams) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

async function rawBody(spec: EndpointSpec, request: HttpRequest, errors: FieldError[]): Promise<unknown> {
  if (!acceptsBody(spec)) return undefined;
  if (spec.schemas.body) return readJsonBody(request);

  const bytes = await readBodyBytes(request);
  if (bytes.length > 0) errors.push({ pointer: '/body', message: 'must be empty: this endpoint takes no body' });
  return undefined;
}

/** What an empty body stands for: a copy of the body schema's `default`, when it declares one. */
function bodyDefault(spec: EndpointSpec): unknown {
  const fallback = (spec.schemas.body as { default?: unknown } | undefined)?.default;
  return fallback === undefined ? undefined : structuredClone(fallback);
}

/**
 * Reads and validates the params, query and body of a request against the spec's schemas, collecting
 * every field error before failing. An endpoint without a body schema refuses a non-empty body; an
 * empty body is validated as the body schema's `default` when it has one (else it is missing).
 * @throws Problem payload_too_large | unsupported_media_type | malformed_json | validation_failed
 */
export async function validatedInput<S extends EndpointSchemas>(
  spec: EndpointSpec<S>,
  request: HttpRequest,
): Promise<Pick<RequestContext<S>, 'params' | 'query' | 'body'>> {
  const errors: FieldError[] = [];
  const body = await rawBody(spec as EndpointSpec, request, errors);
  const params = check(spec.schemas.params ?? anyObject, { ...request.params }, '/params', errors);
  const query = check(spec.schemas.query ?? anyObject, queryObject(request.url), '/query', errors);
  const checkedBody = spec.schemas.body
    ? check(spec.schemas.body, body ?? bodyDefault(spec), '/body', errors)
    : undefined;

  if (errors.length > 0) throw new Problem('validation_failed', { errors });
  return { params, query, body: checkedBody } as Pick<RequestContext<S>, 'params' | 'query' | 'body'>;
}
