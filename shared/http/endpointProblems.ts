import { catalogue, type ProblemCode } from './catalogue';
import type { EndpointSpec } from './endpoint';

/** Whether requests to `spec` may carry a body at all (the Functions worker drops GET bodies). */
export function acceptsBody(spec: EndpointSpec): boolean {
  return spec.method !== 'GET';
}

function inputProblems(spec: EndpointSpec): ProblemCode[] {
  const { params, query, body } = spec.schemas;
  const problems: ProblemCode[] = params || query || acceptsBody(spec) ? ['validation_failed'] : [];
  if (acceptsBody(spec)) problems.push('payload_too_large');
  if (body) problems.push('malformed_json', 'unsupported_media_type');
  return problems;
}

function callerProblems(spec: EndpointSpec): ProblemCode[] {
  if (spec.access === 'public') return [];
  const problems: ProblemCode[] = ['unauthenticated', 'invalid_token', 'token_revoked', 'forbidden', 'unavailable'];
  return spec.stepUp ? [...problems, 'step_up_required'] : problems;
}

/** Whether requests to `spec` count against rate limits or a tenant concurrency cap (429). */
export function isRateLimited(spec: EndpointSpec): boolean {
  return spec.access !== 'public' && (spec.rateClass !== 'none' || spec.expensive === true);
}

function idempotencyProblems(spec: EndpointSpec): ProblemCode[] {
  if (spec.idempotency === 'none') return [];
  const replay: ProblemCode[] = ['idempotency_in_flight', 'idempotency_key_reused'];
  return spec.idempotency === 'required' ? ['idempotency_key_required', ...replay] : replay;
}

function byStatusThenCode(a: ProblemCode, b: ProblemCode): number {
  return catalogue[a].status - catalogue[b].status || a.localeCompare(b);
}

/**
 * Every problem code a request to `spec` can answer with: the pipeline's own (input checks; for protected
 * endpoints authentication, authorization, step-up, an unreachable identity provider or a saturated database, and
 * rate limiting (isRateLimited); idempotency when the endpoint takes a key; always `internal`) plus `spec.problems`.
 * Sorted by status, then code; no duplicates.
 */
export function endpointProblemCodes(spec: EndpointSpec): ProblemCode[] {
  const codes = new Set<ProblemCode>([
    ...inputProblems(spec),
    ...callerProblems(spec),
    ...(isRateLimited(spec) ? (['rate_limited'] as const) : []),
    ...idempotencyProblems(spec),
    ...(spec.ifMatch === 'required' ? (['precondition_failed', 'precondition_required'] as const) : []),
    'internal',
    ...(spec.problems ?? []),
  ]);
  return [...codes].sort(byStatusThenCode);
}
