/**
 * The API's name and version as the OpenAPI document states them. The version follows package.json
 * (a unit test keeps the two equal); the URL version (/api/v1) changes only with breaking changes.
 */
export const API_INFO = {
  title: 'Signoff API',
  version: '0.1.0',
  summary: 'Multi-step approval workflows: definitions, cases, transitions, audit.',
  description:
    'Every error is application/problem+json with a stable `code` (see docs/errors.md); every response ' +
    'carries X-Request-Id. Conventions: docs/api.md.',
} as const;
