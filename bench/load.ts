import autocannon from 'autocannon';
import { formatNumber } from './format';
import { summarizeLatencies, type MeasuredScenario } from './report';

/** Requests per second no scenario is allowed to exceed on average: the bound on its request count. */
export const MAX_REQUESTS_PER_SECOND = 20_000;

/** One load test: a request shape sent over `connections` for `durationSeconds` or `maxRequests`. */
export interface LoadSpec {
  name: string;
  title: string;
  baseUrl: string;
  connections: number;
  durationSeconds: number;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Changes each request before it is sent (a fresh Idempotency-Key, another case). */
  setupRequest?: autocannon.Request['setupRequest'];
  onResponse?: autocannon.Request['onResponse'];
  /** Default: durationSeconds x MAX_REQUESTS_PER_SECOND. */
  maxRequests?: number;
  /** Seconds of unmeasured load first, to warm the JIT, the pools and caches (default none). */
  warmupSeconds?: number;
}

/** The bound on the request count of `spec`. */
export function requestBound(spec: Pick<LoadSpec, 'durationSeconds' | 'maxRequests'>): number {
  return spec.maxRequests ?? Math.ceil(spec.durationSeconds * MAX_REQUESTS_PER_SECOND);
}

function statusCounts(result: autocannon.Result): Record<string, number> {
  return Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count]));
}

function notesOf(result: autocannon.Result, statuses: Record<string, number>, requests: number, bound: number) {
  const notes: string[] = [];
  if (requests >= bound) notes.push(`stopped at its bound of ${formatNumber(bound)} requests`);
  const unexpected = Object.entries(statuses).filter(([code]) => !code.startsWith('2'));
  if (unexpected.length > 0) notes.push(`non-2xx answers: ${unexpected.map(([c, n]) => `${n} x ${c}`).join(', ')}`);
  if (result.errors > 0) notes.push(`${result.errors} requests got no answer (${result.timeouts} timeouts)`);
  return notes;
}

function options(spec: LoadSpec, bound: number): autocannon.Options {
  const request: autocannon.Request = { method: spec.method, path: spec.path, headers: spec.headers };
  if (spec.body !== undefined) request.body = spec.body;
  if (spec.setupRequest) request.setupRequest = spec.setupRequest;
  if (spec.onResponse) request.onResponse = spec.onResponse;
  const base: autocannon.Options = {
    url: spec.baseUrl,
    title: spec.name,
    connections: spec.connections,
    duration: spec.durationSeconds,
    maxOverallRequests: bound,
    requests: [request],
  };
  const warmup = spec.warmupSeconds ?? 0;
  return warmup > 0 ? { ...base, warmup: { connections: spec.connections, duration: warmup } } : base;
}

/**
 * Runs the load test of `spec` with autocannon and measures it. Latency percentiles come from every
 * response's own time (autocannon's summary has no p95); requests per second are responses over the
 * time from the start to the last response.
 */
export async function measureLoad(spec: LoadSpec): Promise<MeasuredScenario> {
  const bound = requestBound(spec);
  const latencies: number[] = [];
  let startedAt = performance.now();
  let lastAnswerAt = startedAt;

  const instance = autocannon(options(spec, bound));
  instance.on('start', () => {
    startedAt = performance.now();
    latencies.length = 0;
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseMs: number) => {
    latencies.push(responseMs);
    lastAnswerAt = performance.now();
  });
  const result = await instance;

  const seconds = Math.max(lastAnswerAt - startedAt, 1) / 1000;
  const statuses = statusCounts(result);
  return {
    name: spec.name,
    title: spec.title,
    connections: spec.connections,
    seconds,
    requests: latencies.length,
    requestsPerSecond: latencies.length / seconds,
    latencyMs: summarizeLatencies(latencies),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statuses,
    notes: notesOf(result, statuses, latencies.length, bound),
  };
}
