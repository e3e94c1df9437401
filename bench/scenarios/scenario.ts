import type { BenchTokens } from '../api';
import type { LoadSpec } from '../load';
import type { ScenarioOutcome } from '../report';

/** A case in its initial state that no scenario moved yet, with the ETag a transition sends as If-Match. */
export interface FreshCase {
  id: string;
  etag: string;
}

/** What every load scenario runs against, set up once per run. */
export interface BenchContext {
  baseUrl: string;
  tokens: BenchTokens;
  /** Key of the published example workflow. */
  workflowKey: string;
  /** A case that exists, for reads. */
  sampleCaseId: string;
  /** Cases in their initial state that no scenario moved yet: open-case adds to it, transition takes. */
  freshCases: FreshCase[];
  connections: number;
  durationSeconds: number;
}

/** One benchmark: a name for --only, a one-line title, and how to run it. */
export interface Scenario {
  name: string;
  title: string;
  run(context: BenchContext): Promise<ScenarioOutcome>;
}

/** Seconds of unmeasured load before a scenario: a fifth of its duration, at most 1 s. */
export function warmupSeconds(context: BenchContext): number {
  return Math.min(1, context.durationSeconds / 5);
}

/** The request side of a load test; the rest comes from the scenario and the run's options. */
export type LoadShape = Omit<LoadSpec, 'name' | 'title' | 'baseUrl' | 'connections' | 'durationSeconds'>;

/** The load test of `scenario` in `context`: its request `shape`, with a warmup unless the shape says otherwise. */
export function loadSpec(
  context: BenchContext,
  scenario: Pick<Scenario, 'name' | 'title'>,
  shape: LoadShape,
): LoadSpec {
  return {
    name: scenario.name,
    title: scenario.title,
    baseUrl: context.baseUrl,
    connections: context.connections,
    durationSeconds: context.durationSeconds,
    warmupSeconds: warmupSeconds(context),
    ...shape,
  };
}

/** The headers of an authenticated JSON request as `token`. */
export function authHeaders(token: string, json = false): Record<string, string> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (json) headers['content-type'] = 'application/json';
  return headers;
}
