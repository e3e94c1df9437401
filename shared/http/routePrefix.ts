/**
 * The HTTP route prefix of the Functions host (host.json extensions.http.routePrefix), without slashes.
 * Every endpoint route lies below it: route 'v1/health' answers at /api/v1/health.
 */
export const ROUTE_PREFIX = 'api';
