import { STATUS_CODES } from 'node:http';
import { catalogue, type ProblemCode } from './catalogue';
import type { EndpointSpec } from './endpoint';
import { endpointProblemCodes, isRateLimited } from './endpointProblems';
import { openApiPath, SERVER_URL } from './openapiPath';
import type { SchemaComponents } from './openapiSchemas';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem';
import { ProblemSchema } from './problemSchema';
import type { JsonSchema } from './schemaWalk';

/** Reusable response headers, referenced from every response. */
export const RESPONSE_HEADERS: Record<string, JsonSchema> = {
  RequestId: {
    description: 'The request id: the caller’s X-Request-Id when it was a safe token, else a generated UUID.',
    schema: { type: 'string' },
  },
  RetryAfter: { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 0 } },
  WwwAuthenticate: { description: 'The bearer challenge (RFC 6750).', schema: { type: 'string' } },
  RateLimit: {
    description: 'Remaining quota and seconds to reset per policy (IETF RateLimit fields): "write-user";r=119;t=42.',
    schema: { type: 'string' },
  },
  RateLimitPolicy: {
    description: 'Quota and window in seconds per policy (IETF RateLimit fields): "write-user";q=120;w=60.',
    schema: { type: 'string' },
  },
  IdempotentReplayed: {
    description: '"true" when this answer is the stored answer to an earlier request with the same Idempotency-Key.',
    schema: { type: 'string', enum: ['true'] },
  },
};

const EXAMPLE_REQUEST_ID = '3f1c2a9e-8d4b-4f6a-9c3e-2b7d5e1a0c4f';

function header(name: string): JsonSchema {
  return { $ref: `#/components/headers/${name}` };
}

function statusText(status: number): string {
  return STATUS_CODES[status] ?? `Status ${status}`;
}

function problemExample(code: ProblemCode, instance: string): JsonSchema {
  const entry = catalogue[code];
  const errors = code === 'validation_failed' ? [{ pointer: '/body/title', message: 'must be string' }] : [];
  return {
    summary: entry.title,
    value: {
      type: problemType(code),
      title: entry.title,
      status: entry.status,
      detail: entry.detail,
      instance,
      code,
      requestId: EXAMPLE_REQUEST_ID,
      errors,
    },
  };
}

function commonHeaders(spec: EndpointSpec): JsonSchema {
  const headers: JsonSchema = { 'X-Request-Id': header('RequestId') };
  if (isRateLimited(spec)) {
    headers['RateLimit'] = header('RateLimit');
    headers['RateLimit-Policy'] = header('RateLimitPolicy');
  }
  return headers;
}

const RETRY_CODES: ProblemCode[] = ['rate_limited', 'unavailable', 'idempotency_in_flight'];

function problemHeaders(spec: EndpointSpec, codes: ProblemCode[]): JsonSchema {
  const headers = commonHeaders(spec);
  if (codes.some((code) => catalogue[code].status === 401)) headers['WWW-Authenticate'] = header('WwwAuthenticate');
  if (codes.some((code) => RETRY_CODES.includes(code))) headers['Retry-After'] = header('RetryAfter');
  return headers;
}

function problemResponse(spec: EndpointSpec, status: number, codes: ProblemCode[], problem: JsonSchema): JsonSchema {
  const instance = `${SERVER_URL}${openApiPath(spec.route).path}`;
  return {
    description: `${statusText(status)}: ${codes.join(', ')}`,
    headers: problemHeaders(spec, codes),
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: problem,
        examples: Object.fromEntries(codes.map((code) => [code, problemExample(code, instance)])),
      },
    },
  };
}

function successResponse(spec: EndpointSpec, schemas: SchemaComponents): JsonSchema {
  const headers = commonHeaders(spec);
  if (spec.idempotency !== 'none') headers['Idempotent-Replayed'] = header('IdempotentReplayed');
  const response: JsonSchema = { description: statusText(spec.successStatus), headers };
  if (spec.successStatus !== 204) {
    response['content'] = { 'application/json': { schema: schemas.convert(spec.schemas.response) } };
  }
  return response;
}

/**
 * The responses object of an operation: the success response with the response schema, and one
 * application/problem+json response per status the endpoint can answer with (endpointProblemCodes),
 * each with an example per problem code, and the headers each may carry.
 */
export function operationResponses(spec: EndpointSpec, schemas: SchemaComponents): JsonSchema {
  const problem = schemas.convert(ProblemSchema);
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of endpointProblemCodes(spec)) {
    const status = catalogue[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }

  const responses: JsonSchema = { [String(spec.successStatus)]: successResponse(spec, schemas) };
  for (const [status, codes] of byStatus) responses[String(status)] = problemResponse(spec, status, codes, problem);
  return responses;
}
