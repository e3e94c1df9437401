import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal';
import type { Logger } from '../telemetry/logger';
import type { ProblemCode } from './catalogue';

/** HTTP methods an endpoint may declare. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * The schemas of one endpoint. An absent body schema accepts no body; absent params or query schemas ignore
 * what the route or the query string carries (a token in the query string, say, is never read).
 */
export interface EndpointSchemas {
  params?: TObject;
  query?: TObject;
  body?: TSchema;
  response: TSchema;
}

type StaticOr<T, Fallback> = T extends TSchema ? Static<T> : Fallback;

/** What a handler answers with: the status defaults to the spec's successStatus. */
export interface EndpointResult<S extends EndpointSchemas> {
  status?: number;
  body: Static<S['response']>;
  headers?: Record<string, string>;
}

/** Everything a handler gets: validated input, the caller, and per-invocation services. */
export interface RequestContext<S extends EndpointSchemas> {
  params: StaticOr<S['params'], Record<string, never>>;
  query: StaticOr<S['query'], Record<string, never>>;
  body: StaticOr<S['body'], undefined>;
  /** The authenticated caller; endpoints with `access: 'public'` get undefined. */
  principal: Principal | undefined;
  requestId: string;
  /** Request headers, lower-cased names. */
  headers: Headers;
  /** Absolute request URL. */
  url: URL;
  log: Logger;
  /** A fresh EntityManager fork for this invocation, created on first use. */
  em(): Promise<EntityManager>;
  /**
   * Runs `work` in one database transaction and returns its result. Everything the request changes
   * (state, audit event, outbox row, idempotency record) commits together or not at all.
   */
  transaction<R extends EndpointResult<S>>(work: (em: EntityManager) => Promise<R>): Promise<R>;
}

/**
 * Who may call an endpoint: anyone ('public'), any principal with a valid token whatever its roles
 * ('authenticated'), or an authenticated principal holding at least `role`.
 */
export type Access = 'public' | 'authenticated' | { role: string };

/** One HTTP endpoint, declared once: drives the Azure registration, the devhost route and OpenAPI. */
export interface EndpointSpec<S extends EndpointSchemas = EndpointSchemas> {
  /** Function name and OpenAPI operationId; unique, camelCase. */
  name: string;
  method: HttpMethod;
  /** Route below the `api` prefix, Azure template syntax: 'v1/cases/{caseId}'. */
  route: string;
  summary: string;
  tags: string[];
  access: Access;
  /** Whether the caller must have passed MFA step-up (admin operations); see shared/auth/stepUp.ts. */
  stepUp?: boolean;
  /** Rate-limit class; public endpoints are not limited. */
  rateClass: 'read' | 'write' | 'admin' | 'none';
  /** Whether an Idempotency-Key header is required, accepted, or ignored. */
  idempotency: 'required' | 'optional' | 'none';
  /**
   * 'required' when the handler demands If-Match with the resource's current strong ETag (428 without
   * it, 412 when stale): documented as a required header with both problems. The handler enforces it.
   */
  ifMatch?: 'required';
  /** An expensive list or search call: at most TENANT_CONCURRENCY run at once per tenant (429 beyond). */
  expensive?: boolean;
  successStatus: number;
  schemas: S;
  /** Problem codes this endpoint may answer with besides the pipeline's own (for the OpenAPI document). */
  problems?: ProblemCode[];
  handler(ctx: RequestContext<S>): Promise<EndpointResult<S>>;
}

/** Identity function that infers the schema types of a spec. */
export function defineEndpoint<S extends EndpointSchemas>(spec: EndpointSpec<S>): EndpointSpec<S> {
  return spec;
}
