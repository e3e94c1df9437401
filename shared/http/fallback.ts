import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { createLogger, type Logger } from '../telemetry/logger';
import type { EndpointSpec } from './endpoint';
import { headAware } from './head';
import { registeredMethods } from './methods';
import { invocationLogger } from './pipeline';
import { Problem } from './problem';
import { registeredEndpoints } from './registry';
import { requestIdFrom } from './requestId';
import { problemResponse, REQUEST_ID_HEADER } from './respond';
import { ROUTE_PREFIX } from './routePrefix';
import { createRouter, type RouteResult, type Router } from './routing/router';

interface EndpointRoute {
  methods: string[];
  route: string;
}

let memo: { specs: readonly EndpointSpec[]; count: number; router: Router<EndpointRoute> } | undefined;

function endpointRouter(): Router<EndpointRoute> {
  const specs = registeredEndpoints();
  if (memo?.specs !== specs || memo.count !== specs.length) {
    const routes = specs.map((spec) => ({ methods: registeredMethods(spec), route: spec.route }));
    memo = { specs, count: specs.length, router: createRouter(routes, ROUTE_PREFIX) };
  }
  return memo.router;
}

function silentOr(context: InvocationContext, requestId: string): Logger {
  try {
    return invocationLogger(context, { requestId, route: '{*path}', endpoint: 'fallback' });
  } catch {
    return createLogger(() => undefined);
  }
}

function answer(outcome: RouteResult<EndpointRoute>, method: string, path: string, requestId: string) {
  if (outcome.kind !== 'method_not_allowed') return problemResponse(new Problem('route_not_found'), path, requestId);
  const allow = [...outcome.allow, 'OPTIONS'].join(', ');
  if (method === 'OPTIONS') return { status: 204, headers: { allow, [REQUEST_ID_HEADER]: requestId } };
  return problemResponse(new Problem('method_not_allowed', { headers: { allow } }), path, requestId);
}

/**
 * Answers a request no endpoint took: 405 method_not_allowed with an Allow header when its path matches a
 * registered route under other methods (OPTIONS there gets 204 with the same Allow header), else 404
 * route_not_found. Both are application/problem+json; HEAD gets the headers alone.
 */
export async function answerUnrouted(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const requestId = requestIdFrom(request.headers);
  const log = silentOr(context, requestId);
  const method = request.method.toUpperCase();
  const path = new URL(request.url).pathname;

  const outcome = endpointRouter().route(method, path);
  if (outcome.kind === 'matched') log.warn('fallback reached a registered route', { method });
  const response = answer(outcome, method, path, requestId);
  log.info('request refused', { method, status: response.status ?? 200 });
  return response;
}

/** The fallback as an HTTP handler (HEAD answered without a body). */
export const fallbackHandler = headAware(answerUnrouted);
