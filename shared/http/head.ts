import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';

/**
 * Wraps a handler so a HEAD request gets the status and headers the same GET would get, and no body
 * (RFC 9110 section 9.3.2). Other methods pass through untouched.
 */
export function headAware(
  handler: (request: HttpRequest, context: InvocationContext) => Promise<HttpResponseInit>,
): HttpHandler {
  return async (request, context) => {
    const response = await handler(request, context);
    if (request.method.toUpperCase() !== 'HEAD') return response;
    const withoutBody = { ...response };
    delete withoutBody.body;
    delete withoutBody.jsonBody;
    return withoutBody;
  };
}
