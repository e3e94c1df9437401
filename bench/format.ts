import { wasMeasured, type BenchReport, type ColdStart, type DevhostFigures, type ScenarioOutcome } from './report';

const COLUMNS = ['scenario', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'requests', 'errors', 'non-2xx'] as const;

/** `value` with `digits` decimals and thousands separators, as the table prints numbers. */
export function formatNumber(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Bytes as mebibytes with one decimal: '123.4 MB'. */
export function formatMegabytes(bytes: number): string {
  return `${formatNumber(bytes / (1024 * 1024), 1)} MB`;
}

function row(outcome: ScenarioOutcome): string[] {
  if (!wasMeasured(outcome)) return [outcome.name, `skipped: ${outcome.skipped}`];
  const { latencyMs } = outcome;
  return [
    outcome.name,
    formatNumber(outcome.requestsPerSecond, 1),
    formatNumber(latencyMs.p50, 1),
    formatNumber(latencyMs.p95, 1),
    formatNumber(latencyMs.p99, 1),
    formatNumber(outcome.requests),
    formatNumber(outcome.errors),
    formatNumber(outcome.non2xx),
  ];
}

function columnWidth(rows: readonly (readonly string[])[], column: number): number {
  // Every row has a name; only full rows have the other columns.
  const counted = column === 0 ? rows : rows.filter((r) => r.length === COLUMNS.length);
  return Math.max(0, ...counted.map((r) => r[column]?.length ?? 0));
}

/** Rows as aligned text: the first column left-aligned, the others right-aligned; short rows run on. */
export function alignTable(rows: readonly (readonly string[])[]): string[] {
  const widths = COLUMNS.map((_, i) => columnWidth(rows, i));
  return rows.map((cells) => {
    if (cells.length !== COLUMNS.length) return cells.join('  ');
    return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  });
}

function scenarioNotes(scenarios: readonly ScenarioOutcome[]): string[] {
  return scenarios.filter(wasMeasured).flatMap((s) => s.notes.map((note) => `  ${s.name}: ${note}`));
}

function coldStartLine(cold: ColdStart): string {
  const load = cold.loadAppMs;
  return (
    `cold start: loadApp ${formatNumber(load.median)} ms (median of ${cold.runs}, ` +
    `${formatNumber(load.min)}-${formatNumber(load.max)}), ${formatNumber(cold.processToLoadedMs.median)} ms ` +
    `from process start, ${cold.functions} functions, RSS ${formatMegabytes(cold.rssBytes)}`
  );
}

function devhostLines(devhost: DevhostFigures): string[] {
  return [
    `devhost: first 200 from /api/v1/health ${formatNumber(devhost.timeToHealthMs)} ms after spawn (incl. migrations)`,
    `memory: devhost RSS ${formatMegabytes(devhost.rssAfterStartBytes)} once healthy, ` +
      `${formatMegabytes(devhost.rssAfterLoadBytes)} after the load tests, peak ${formatMegabytes(devhost.peakRssBytes)}`,
  ];
}

/** The compact text report: a table of the load scenarios, their notes, cold start and memory lines. */
export function formatReport(report: BenchReport): string {
  const { machine, options } = report;
  const load = machine.loadAverage;
  const header =
    `${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}, load average ` +
    `${formatNumber(load.atStart, 1)} -> ${formatNumber(load.atEnd, 1)}; ` +
    `${options.connections} connections, ${options.durationSeconds} s per scenario`;
  const table = alignTable([[...COLUMNS], ...report.scenarios.map(row)]);
  const notes = scenarioNotes(report.scenarios);
  return [
    header,
    '',
    ...table,
    ...(notes.length > 0 ? ['', 'notes:', ...notes] : []),
    '',
    ...(report.coldStart ? [coldStartLine(report.coldStart)] : []),
    ...(report.devhost ? devhostLines(report.devhost) : []),
  ].join('\n');
}
