/** Latency figures of one scenario, in milliseconds, over every response (2xx or not). */
export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** What one load scenario measured. */
export interface MeasuredScenario {
  name: string;
  title: string;
  connections: number;
  /** Seconds from the first request to the last response. */
  seconds: number;
  /** Responses received. */
  requests: number;
  requestsPerSecond: number;
  latencyMs: LatencySummary;
  /** Connection errors and timeouts (no response at all). */
  errors: number;
  timeouts: number;
  /** Responses that were not 2xx. */
  non2xx: number;
  /** Responses per status code. */
  statuses: Record<string, number>;
  /** What the reader of the figures should know (a request bound reached, fresh cases used up). */
  notes: string[];
}

/** A scenario that did not run, and why. */
export interface SkippedScenario {
  name: string;
  title: string;
  skipped: string;
}

export type ScenarioOutcome = MeasuredScenario | SkippedScenario;

/** Smallest, median and largest of a few repeated timings, in milliseconds. */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

/** Cold start of the app modules in fresh `node` processes. */
export interface ColdStart {
  runs: number;
  /** loadApp(): requiring every functions/* and orchestrations/* module (and what they import). */
  loadAppMs: Spread;
  /** From process start to loadApp() done: Node's own start, the loader, then loadApp(). */
  processToLoadedMs: Spread;
  /** RSS of the probe once loaded, in bytes (median). */
  rssBytes: number;
  /** Registrations loadApp() returned. */
  functions: number;
  /** Time each module added when required one by one in file order (the first pays the shared imports). */
  perModuleMs: Record<string, number>;
}

/** The devhost process the load ran against. */
export interface DevhostFigures {
  /** From spawn to the first 200 of GET /api/v1/health (includes migrating a fresh schema). */
  timeToHealthMs: number;
  /** Resident memory once it first answered /api/v1/health (the app loaded, nothing served yet), in bytes. */
  rssAfterStartBytes: number;
  /** Resident memory after the last load scenario, in bytes. */
  rssAfterLoadBytes: number;
  /** Peak resident memory over its life (VmHWM), in bytes. */
  peakRssBytes: number;
}

/** Where the figures were taken. */
export interface MachineFacts {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  platform: string;
  node: string;
  /** 1-minute load average when the run started and when it ended: other work sharing the CPUs. */
  loadAverage: { atStart: number; atEnd: number };
}

/** Everything one run measured; bench/results/latest.json holds it. */
export interface BenchReport {
  startedAt: string;
  finishedAt: string;
  machine: MachineFacts;
  options: { durationSeconds: number; connections: number; only: string[]; logLevel: string };
  coldStart?: ColdStart;
  devhost?: DevhostFigures;
  scenarios: ScenarioOutcome[];
}

/** True when the scenario ran. */
export function wasMeasured(outcome: ScenarioOutcome): outcome is MeasuredScenario {
  return !('skipped' in outcome);
}

/** The nearest-rank percentile `p` (0-100] of ascending `sorted`; 0 for no values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1]!;
}

/** p50/p95/p99/max/mean of `values` (milliseconds, any order); zeros for none. */
export function summarizeLatencies(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.length === 0 ? 0 : sorted.reduce((sum, v) => sum + v, 0) / sorted.length;
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length === 0 ? 0 : sorted[sorted.length - 1]!,
    mean,
  };
}

/** Smallest, median (lower middle) and largest of `values`; zeros for none. */
export function spreadOf(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return { min: 0, median: 0, max: 0 };
  return { min: sorted[0]!, median: sorted[Math.floor((sorted.length - 1) / 2)]!, max: sorted[sorted.length - 1]! };
}
