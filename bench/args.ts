import { parseArgs } from 'node:util';

/** What one `npm run bench` run does. */
export interface BenchOptions {
  /** Seconds each load scenario runs (it may end earlier when its request bound is reached). */
  durationSeconds: number;
  /** Concurrent connections of each load scenario. */
  connections: number;
  /** The scenarios to run, in the order they are known; every one when no --only was given. */
  only: string[];
  help: boolean;
}

/** A command line the benchmarks cannot run with; the message says what to change. */
export class BenchUsageError extends Error {
  override name = 'BenchUsageError';
}

export const DEFAULT_DURATION_SECONDS = 10;
export const DEFAULT_CONNECTIONS = 10;
const MAX_DURATION_SECONDS = 600;
const MAX_CONNECTIONS = 1000;

/** The usage text, listing the scenario names `--only` accepts. */
export function usage(scenarioNames: readonly string[]): string {
  return [
    'Usage: npm run bench -- [--duration <seconds>] [--connections <n>] [--only <name>[,<name>...]]',
    '',
    `  --duration     seconds per load scenario (default ${DEFAULT_DURATION_SECONDS}, at most ${MAX_DURATION_SECONDS})`,
    `  --connections  concurrent connections (default ${DEFAULT_CONNECTIONS}, at most ${MAX_CONNECTIONS})`,
    `  --only         run only these scenarios: ${scenarioNames.join(', ')}`,
    '  --help         print this text',
  ].join('\n');
}

function numberOption(flag: string, raw: string | undefined, fallback: number, max: number, integer: boolean): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  const shapeOk = raw.trim() !== '' && Number.isFinite(value) && (!integer || Number.isInteger(value));
  if (!shapeOk || value <= 0 || value > max) {
    const kind = integer ? 'a whole number' : 'a number';
    throw new BenchUsageError(`${flag} must be ${kind} above 0 and at most ${max}, not "${raw}"`);
  }
  return value;
}

function selectedScenarios(raw: string | undefined, known: readonly string[]): string[] {
  if (raw === undefined) return [...known];
  const asked = raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = asked.filter((name) => !known.includes(name));
  if (asked.length === 0 || unknown.length > 0) {
    const named = unknown.length > 0 ? `unknown scenario "${unknown.join('", "')}"` : 'no scenario named';
    throw new BenchUsageError(`--only: ${named}; choose from ${known.join(', ')}`);
  }
  return known.filter((name) => asked.includes(name));
}

/**
 * Parses the bench command line (`process.argv.slice(2)`). `known` lists the scenario names in run order.
 * @throws BenchUsageError for unknown flags, stray arguments, out-of-range numbers and unknown scenarios.
 */
export function parseBenchArgs(argv: readonly string[], known: readonly string[]): BenchOptions {
  let values: { duration?: string; connections?: string; only?: string; help?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        duration: { type: 'string' },
        connections: { type: 'string' },
        only: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new BenchUsageError(error instanceof Error ? error.message : String(error));
  }

  return {
    durationSeconds: numberOption('--duration', values.duration, DEFAULT_DURATION_SECONDS, MAX_DURATION_SECONDS, false),
    connections: numberOption('--connections', values.connections, DEFAULT_CONNECTIONS, MAX_CONNECTIONS, true),
    only: selectedScenarios(values.only, known),
    help: values.help ?? false,
  };
}
