import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { EntityManager } from '@mikro-orm/postgresql';
import { authenticate } from '../auth/authenticate';
import { authorize } from '../auth/authorize';
import { requireStepUp } from '../auth/stepUp';
import { getConfig } from '../config/load';
import { runGuarded } from '../coordination/guard';
import { enforceRateLimit } from '../coordination/rateLimitStep';
import { getOrm } from '../db/orm';
import { createLogger, type Logger, type LogSink } from '../telemetry/logger';
import { errorFields, toError } from '../telemetry/errors';
import type { EndpointResult, EndpointSchemas, EndpointSpec, RequestContext } from './endpoint';
import { headAware } from './head';
import { validatedInput } from './input';
import { requestIdFrom } from './requestId';
import { jsonResponse, problemResponse } from './respond';
import { toProblem } from './toProblem';

type Ctx<S extends EndpointSchemas> = RequestContext<S>;

/** A log sink writing through the InvocationContext, which reaches Application Insights in Azure. */
export function invocationSink(context: InvocationContext): LogSink {
  return (level, message, fields) => context[level](message, fields);
}

/** The logger of one invocation, bound to its ids. */
export function invocationLogger(context: InvocationContext, fields: Record<string, string>): Logger {
  return createLogger(invocationSink(context), getConfig().logLevel, {
    invocationId: context.invocationId,
    ...fields,
  });
}

function lazyEm(): () => Promise<EntityManager> {
  let em: EntityManager | undefined;
  return async () => {
    em ??= (await getOrm()).em.fork() as EntityManager;
    return em;
  };
}

async function buildContext<S extends EndpointSchemas>(
  spec: EndpointSpec<S>,
  request: HttpRequest,
  requestId: string,
  log: Logger,
  limitHeaders: Record<string, string>,
): Promise<Ctx<S>> {
  const input = await validatedInput(spec, request);
  const principal = spec.access === 'public' ? undefined : await authenticate(request, log);
  Object.assign(limitHeaders, await enforceRateLimit(spec, principal, log));
  if (principal) authorize(principal, spec.access);
  if (principal && spec.stepUp) requireStepUp(principal);

  const em = lazyEm();
  return {
    ...input,
    principal,
    requestId,
    headers: request.headers,
    url: new URL(request.url),
    log: principal ? log.child({ tenantId: principal.tenantId, clientAppId: principal.clientAppId }) : log,
    em,
    transaction: async <R extends EndpointResult<S>>(work: (em: EntityManager) => Promise<R>) =>
      (await em()).transactional(work),
  };
}

function failure(
  error: unknown,
  path: string,
  requestId: string,
  log: Logger,
  limitHeaders: Record<string, string>,
): HttpResponseInit {
  const { problem, unexpected } = toProblem(error);
  if (unexpected) log.error('request failed', { code: problem.code, ...errorFields(toError(error)) });
  else log.info('request refused', { code: problem.code, status: problem.status });
  const response = problemResponse(problem, path, requestId);
  return { ...response, headers: { ...limitHeaders, ...(response.headers as Record<string, string>) } };
}

/**
 * Wraps an endpoint spec as an Azure Functions HTTP handler running the whole pipeline: request id,
 * body and schema checks, authentication, rate limits (RateLimit headers on every answer), authorization,
 * the coordination guards (load shedding, tenant slots, Idempotency-Key), the handler, and problem+json
 * for every error.
 * A HEAD request runs like GET and answers without a body.
 */
export function toHandler<S extends EndpointSchemas>(spec: EndpointSpec<S>): HttpHandler {
  return headAware(async (request, context) => {
    const started = performance.now();
    const requestId = requestIdFrom(request.headers);
    const path = new URL(request.url).pathname;
    let log = createLogger(() => undefined);
    const limitHeaders: Record<string, string> = {};
    try {
      log = invocationLogger(context, { requestId, route: spec.route, endpoint: spec.name });
      const ctx = await buildContext(spec, request, requestId, log, limitHeaders);
      const result = await runGuarded(spec, ctx);
      log.info('request completed', { status: result.status ?? spec.successStatus, ms: elapsed(started) });
      const headers = { ...limitHeaders, ...result.headers };
      return jsonResponse(result.status ?? spec.successStatus, result.body, requestId, headers);
    } catch (error) {
      return failure(error, path, requestId, log, limitHeaders);
    }
  });
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
