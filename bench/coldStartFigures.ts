/** Starts the line the cold start probe prints its figures on (the app's own logs may share stdout). */
export const PROBE_MARKER = 'BENCH_COLD_START ';

/** What one probe run prints after PROBE_MARKER, as JSON. */
export interface ProbeFigures {
  /** The loadApp() call, or the sum of the per-module requires, in milliseconds. */
  loadAppMs: number;
  /** performance.now() when loaded: from the process's time origin, in milliseconds. */
  processToLoadedMs: number;
  functions: number;
  rssBytes: number;
  /** With --per-module: milliseconds each module added, by path below the compiled root. */
  perModuleMs?: Record<string, number>;
}

/** The line the probe prints for `figures`. */
export function probeLine(figures: ProbeFigures): string {
  return `${PROBE_MARKER}${JSON.stringify(figures)}\n`;
}

/**
 * Parses the probe's marked line out of its stdout.
 * @throws when no line carries the marker.
 */
export function probeFigures(stdout: string): ProbeFigures {
  const line = stdout.split('\n').find((l) => l.startsWith(PROBE_MARKER));
  if (line === undefined) throw new Error(`the cold start probe printed no figures:\n${stdout}`);
  return JSON.parse(line.slice(PROBE_MARKER.length)) as ProbeFigures;
}
