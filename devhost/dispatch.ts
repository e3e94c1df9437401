import { HttpRequest } from '@azure/functions';
import { errorFields, toError } from '../shared/telemetry/errors';
import { requestIdFrom } from '../shared/http/requestId';
import { invokeWithHooks } from './hooks';
import { createInvocationContext, type InvocationOptions } from './invocationContext';
import type { HttpRegistration, LoadedApp } from './registrations';
import { fromHandlerResult, problemResponse, type DispatchResponse } from './response';
import { createRouter } from '../shared/http/routing/router';

/** Largest request body the Azure Functions host accepts, in bytes (100 MiB). */
export const HOST_MAX_BODY_BYTES = 100 * 1024 * 1024;

/** Detail of the 413 the host itself answers, above the API's own limit. */
export const HOST_BODY_LIMIT_DETAIL = 'The host accepts request bodies of at most 100 MiB.';

/** A request as the devhost hands it to the app; `url` is a path with query or an absolute URL. */
export interface DispatchRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Turns one request into the app's response. Never throws: failures become problem+json. */
export type Dispatch = (req: DispatchRequest) => Promise<DispatchResponse>;

/** How the dispatcher routes and invokes. */
export interface DispatcherOptions extends Partial<InvocationOptions> {
  /** The route prefix from host.json, without slashes ('api'); '' for none. */
  routePrefix: string;
}

interface Routed {
  registration: HttpRegistration;
  params: Record<string, string>;
  url: URL;
  requestId: string;
}

function toHttpRequest(req: DispatchRequest, routed: Routed): HttpRequest {
  const body = req.body && req.body.length > 0 ? { bytes: req.body } : undefined;
  return new HttpRequest({
    method: req.method,
    url: routed.url.href,
    headers: req.headers,
    params: routed.params,
    body,
  });
}

async function invokeHttp(req: DispatchRequest, routed: Routed, options: InvocationOptions): Promise<DispatchResponse> {
  const { context, logger } = createInvocationContext(routed.registration, options);
  try {
    const request = toHttpRequest(req, routed);
    const result = await invokeWithHooks(routed.registration.handler, [request], context);
    return await fromHandlerResult(result);
  } catch (error) {
    logger.error('function failed', { route: routed.registration.route, ...errorFields(toError(error)) });
    return problemResponse('internal', routed.url.pathname, routed.requestId);
  }
}

function parseUrl(req: DispatchRequest): URL | undefined {
  try {
    return new URL(req.url, `http://${req.headers['host'] ?? 'localhost'}`);
  } catch {
    return undefined;
  }
}

function requestIdOf(req: DispatchRequest): string {
  try {
    return requestIdFrom(new Headers(req.headers));
  } catch {
    return requestIdFrom(new Headers());
  }
}

/**
 * Builds the devhost's dispatcher over the app's HTTP registrations: routes below `routePrefix` with
 * ASP.NET Core precedence, builds a real HttpRequest and InvocationContext, runs the handler with the
 * app's invocation hooks and converts its result. What the devhost answers itself is problem+json:
 * route_not_found (404), method_not_allowed (405 with Allow), payload_too_large (413 above 100 MiB),
 * bad_request (400 for an unreadable URL) and internal (500 when a handler throws).
 */
export function createDispatcher(app: LoadedApp, options: DispatcherOptions): Dispatch {
  const router = createRouter(app.http, options.routePrefix);
  const invocation: InvocationOptions = { ...options, logLevel: options.logLevel ?? 'info' };

  return async (req) => {
    const requestId = requestIdOf(req);
    const url = parseUrl(req);
    if (!url) return problemResponse('bad_request', req.url, requestId, { detail: 'The request URL is malformed.' });
    if ((req.body?.length ?? 0) > HOST_MAX_BODY_BYTES) {
      return problemResponse('payload_too_large', url.pathname, requestId, { detail: HOST_BODY_LIMIT_DETAIL });
    }

    const routed = router.route(req.method, url.pathname);
    if (routed.kind === 'matched') {
      return invokeHttp(req, { registration: routed.target, params: routed.params, url, requestId }, invocation);
    }
    if (routed.kind === 'method_not_allowed') {
      return problemResponse('method_not_allowed', url.pathname, requestId, {
        headers: { allow: routed.allow.join(', ') },
      });
    }
    return problemResponse('route_not_found', url.pathname, requestId);
  };
}
