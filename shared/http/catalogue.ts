/**
 * The one catalogue of errors Signoff answers with. Each code is stable (clients match on it), has one
 * HTTP status, a short title, and a default detail that tells the caller what to do next.
 */
export const catalogue = {
  bad_request: { status: 400, title: 'Bad request', detail: 'The request could not be understood.' },
  malformed_json: { status: 400, title: 'Malformed JSON', detail: 'The request body is not valid JSON.' },
  validation_failed: {
    status: 400,
    title: 'Validation failed',
    detail: 'One or more fields are invalid; see errors[] for each one.',
  },
  invalid_cursor: {
    status: 400,
    title: 'Invalid cursor',
    detail: 'Use the cursor exactly as a previous page gave it.',
  },
  idempotency_key_required: {
    status: 400,
    title: 'Idempotency-Key required',
    detail: 'Send an Idempotency-Key header (a unique string per logical operation) with this request.',
  },
  unauthenticated: {
    status: 401,
    title: 'Authentication required',
    detail: 'Send a valid bearer token in the Authorization header.',
  },
  invalid_token: { status: 401, title: 'Invalid token', detail: 'The bearer token was refused; obtain a new one.' },
  token_revoked: { status: 401, title: 'Token revoked', detail: 'This session was revoked; sign in again.' },
  step_up_required: {
    status: 401,
    title: 'Step-up authentication required',
    detail: 'This action needs multi-factor authentication; answer the claims challenge and retry.',
  },
  forbidden: { status: 403, title: 'Forbidden', detail: 'Your roles do not allow this action.' },
  not_found: { status: 404, title: 'Not found', detail: 'No resource exists at this address.' },
  route_not_found: { status: 404, title: 'Route not found', detail: 'No API route matches this path.' },
  method_not_allowed: {
    status: 405,
    title: 'Method not allowed',
    detail: 'This route does not accept the method; see the Allow header.',
  },
  not_acceptable: { status: 406, title: 'Not acceptable', detail: 'This API answers with application/json.' },
  request_timeout: {
    status: 408,
    title: 'Request timeout',
    detail: 'The request was not sent in full in time; send it again.',
  },
  conflict: { status: 409, title: 'Conflict', detail: 'The request conflicts with the current state.' },
  transition_not_allowed: {
    status: 409,
    title: 'Transition not allowed',
    detail: 'The case is not in a state this transition leaves; reload the case and choose another action.',
  },
  version_conflict: {
    status: 409,
    title: 'Concurrent modification',
    detail: 'The case changed while this request ran; reload it and retry.',
  },
  definition_retired: {
    status: 409,
    title: 'Definition version retired',
    detail: 'This workflow definition version is retired and takes no new cases; publish a new version.',
  },
  idempotency_in_flight: {
    status: 409,
    title: 'Request in flight',
    detail: 'A request with this Idempotency-Key is still being processed; retry later.',
  },
  orchestration_finished: {
    status: 410,
    title: 'Orchestration finished',
    detail: 'The orchestration instance has completed, failed or been terminated; it takes no more events.',
  },
  precondition_failed: {
    status: 412,
    title: 'Precondition failed',
    detail: 'The If-Match tag is stale; fetch the resource again and retry with its current ETag.',
  },
  payload_too_large: { status: 413, title: 'Payload too large', detail: 'Request bodies are limited to 1 MiB.' },
  unsupported_media_type: {
    status: 415,
    title: 'Unsupported media type',
    detail: 'Send the body as application/json.',
  },
  definition_invalid: {
    status: 422,
    title: 'Invalid workflow definition',
    detail: 'The definition fails its checks; see errors[] for every problem.',
  },
  migration_unmapped: {
    status: 422,
    title: 'Cases without a state mapping',
    detail: 'Some cases are in states the state mapping does not cover; see errors[] and map every one.',
  },
  idempotency_key_reused: {
    status: 422,
    title: 'Idempotency-Key reused',
    detail: 'This Idempotency-Key was used with a different request; use a new key.',
  },
  unprocessable: { status: 422, title: 'Unprocessable', detail: 'The request is well-formed but cannot be applied.' },
  precondition_required: {
    status: 428,
    title: 'Precondition required',
    detail: 'Send If-Match with the ETag from your last read of this resource.',
  },
  rate_limited: { status: 429, title: 'Too many requests', detail: 'Slow down; retry after the Retry-After delay.' },
  header_fields_too_large: {
    status: 431,
    title: 'Request header fields too large',
    detail: 'The request line and headers are too large; send a shorter URL and fewer or smaller headers.',
  },
  internal: {
    status: 500,
    title: 'Internal error',
    detail: 'Something went wrong on our side; quote the requestId when reporting it.',
  },
  unavailable: {
    status: 503,
    title: 'Service unavailable',
    detail: 'A dependency is unavailable; retry after the Retry-After delay.',
  },
} as const satisfies Record<string, { status: number; title: string; detail: string }>;

/** A stable error code from the catalogue. */
export type ProblemCode = keyof typeof catalogue;
