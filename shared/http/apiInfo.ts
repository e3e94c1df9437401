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

/** What each operation tag groups; a tag missing here is listed without a description. */
export const TAG_DESCRIPTIONS: Readonly<Record<string, string>> = {
  cases: 'Cases: open one, read it and its audit events, take transitions.',
  definitions: 'Workflow definitions: publish immutable versions, list and read them.',
  health: 'Liveness and readiness probes.',
  identity: 'The caller and their sessions.',
  meta: 'The API describing itself.',
};
