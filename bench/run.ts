import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { packageRoot } from '../devhost/paths';
import { BenchUsageError, parseBenchArgs, usage, type BenchOptions } from './args';
import { measureColdStart } from './coldStart';
import { startDevhostUnderTest, type DevhostUnderTest } from './devhostUnderTest';
import { appSettings, benchStores, cleanStores, type BenchStores } from './environment';
import { formatReport } from './format';
import { loadAverageNow, machineFacts } from './machine';
import { processMemory } from './memory';
import { wasMeasured, type BenchReport, type ScenarioOutcome } from './report';
import { COLD_START, LOAD_SCENARIOS, SCENARIO_NAMES } from './scenarios/catalogue';
import type { BenchContext, Scenario } from './scenarios/scenario';
import { prepareContext } from './setup';

// `npm run bench`: starts a devhost process against the machine's PostgreSQL and Redis (a schema and key
// prefix of its own, removed afterwards), loads it with autocannon over loopback, prints a table and
// writes bench/results/latest.json. Exit codes: 0 when every selected scenario ran or was skipped for a
// stated reason, 1 when one failed (threw, or got no 2xx answer at all) or the devhost could not start,
// 2 for a bad command line.

/** Where the last run's figures go (git-ignored). */
export const RESULTS_FILE = path.join('bench', 'results', 'latest.json');

interface Run {
  options: BenchOptions;
  stores: BenchStores;
  settings: Record<string, string>;
  report: BenchReport;
  devhost?: DevhostUnderTest;
  failed: boolean;
}

function say(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

/** A run that got no 2xx answer measured nothing worth a figure. */
function succeededNowhere(outcome: ScenarioOutcome): boolean {
  return wasMeasured(outcome) && outcome.requests === outcome.non2xx;
}

async function runScenario(run: Run, scenario: Scenario, context: BenchContext): Promise<ScenarioOutcome> {
  say(`${scenario.name}: ${scenario.title}`);
  try {
    const outcome = await scenario.run(context);
    if (succeededNowhere(outcome)) {
      run.failed = true;
      say(`${scenario.name} failed: no request got a 2xx answer`);
    }
    return outcome;
  } catch (error) {
    run.failed = true;
    const reason = error instanceof Error ? error.message : String(error);
    say(`${scenario.name} failed: ${reason}`);
    return { name: scenario.name, title: scenario.title, skipped: `failed: ${reason.split('\n')[0]}` };
  }
}

async function loadDevhost(run: Run, devhost: DevhostUnderTest): Promise<void> {
  const afterStart = await processMemory(devhost.pid);
  const { connections, durationSeconds } = run.options;
  const context = await prepareContext(devhost, { connections, durationSeconds });

  for (const scenario of LOAD_SCENARIOS.filter((s) => run.options.only.includes(s.name))) {
    run.report.scenarios.push(await runScenario(run, scenario, context));
  }

  const afterLoad = await processMemory(devhost.pid);
  run.report.devhost = {
    timeToHealthMs: devhost.timeToHealthMs,
    rssAfterStartBytes: afterStart.rssBytes,
    rssAfterLoadBytes: afterLoad.rssBytes,
    peakRssBytes: afterLoad.peakRssBytes,
  };
}

async function measure(run: Run): Promise<void> {
  if (run.options.only.includes(COLD_START)) {
    say('cold start: loading the app in fresh node processes');
    run.report.coldStart = await measureColdStart(run.settings);
  }

  say(`starting a devhost (schema ${run.stores.schema}, Redis prefix ${run.stores.redisKeyPrefix})`);
  run.devhost = await startDevhostUnderTest(run.settings);
  await loadDevhost(run, run.devhost);
}

async function tearDown(run: Run): Promise<void> {
  await run.devhost?.stop();
  for (const failure of await cleanStores(run.stores)) say(`cleaning up failed: ${failure.message}`);
}

async function writeResults(report: BenchReport): Promise<string> {
  const file = path.join(packageRoot(), RESULTS_FILE);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

function newRun(options: BenchOptions): Run {
  const stores = benchStores();
  const logLevel = process.env['BENCH_LOG_LEVEL'] || 'warn';
  const settings = appSettings(stores, logLevel);
  const { durationSeconds, connections, only } = options;
  const report: BenchReport = {
    startedAt: new Date().toISOString(),
    finishedAt: '',
    machine: machineFacts(),
    options: { durationSeconds, connections, only, logLevel },
    scenarios: [],
  };
  return { options, stores, settings, report, failed: false };
}

function stopOnInterrupt(run: Run): void {
  process.once('SIGINT', () => {
    say('interrupted: stopping the devhost and removing the bench schema and keys');
    void tearDown(run).finally(() => process.exit(130));
  });
}

function parsedOptions(): BenchOptions | undefined {
  try {
    return parseBenchArgs(process.argv.slice(2), SCENARIO_NAMES);
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n\n${usage(SCENARIO_NAMES)}\n`);
    process.exitCode = 2;
    return undefined;
  }
}

async function main(): Promise<void> {
  const options = parsedOptions();
  if (options === undefined) return;
  if (options.help) return void process.stdout.write(`${usage(SCENARIO_NAMES)}\n`);

  const run = newRun(options);
  stopOnInterrupt(run);
  try {
    await measure(run);
  } catch (error) {
    say(error instanceof Error ? error.message : String(error));
    if (run.devhost) say(`devhost output:\n${run.devhost.output()}`);
    process.exitCode = 1;
    return;
  } finally {
    await tearDown(run);
  }

  run.report.finishedAt = new Date().toISOString();
  run.report.machine.loadAverage.atEnd = loadAverageNow();
  const file = await writeResults(run.report);
  process.stdout.write(`${formatReport(run.report)}\n\nresults: ${path.relative(process.cwd(), file)}\n`);
  if (run.failed) process.exitCode = 1;
}

void main();
