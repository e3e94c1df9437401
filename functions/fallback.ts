import { app, type HttpMethod } from '@azure/functions';
import { fallbackHandler } from '../shared/http/fallback';

/**
 * The function name of the catch-all. The Azure Functions host tries HTTP routes in function-name order
 * (case-insensitive ordinal) and takes the first whose template and method match; '_' sorts after every
 * letter, so this name comes after any other function's and the catch-all only gets what nothing else took.
 */
export const FALLBACK_FUNCTION_NAME = 'z_fallback';

// No TRACE: the functions library builds every request as a fetch Request, which refuses TRACE, so the
// invocation would fail with a 500 before the handler runs.
const EVERY_METHOD: HttpMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

app.http(FALLBACK_FUNCTION_NAME, {
  methods: EVERY_METHOD,
  route: '{*path}',
  authLevel: 'anonymous',
  handler: fallbackHandler,
});
