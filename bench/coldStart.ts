import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { DEV_AUDIENCE, DEV_TENANT_ID } from '../devhost/identity/defaults';
import { packageRoot } from '../devhost/paths';
import { probeFigures, type ProbeFigures } from './coldStartFigures';
import { childEnvironment } from './environment';
import { spreadOf, type ColdStart } from './report';

const run = promisify(execFile);

/** Fresh processes timed per bench run (plus one more for the per-module figures). */
export const COLD_START_RUNS = 3;

const PROBE = path.join(__dirname, 'coldStartProbe.js');
const PROBE_TIMEOUT_MS = 60_000;

/** The identity settings every app module may read while loading; nothing is fetched from them. */
const PROBE_IDENTITY = {
  AUTH_METADATA_URL: `http://127.0.0.1:9/devhost/idp/${DEV_TENANT_ID}/v2.0/.well-known/openid-configuration`,
  AUTH_AUDIENCE: DEV_AUDIENCE,
};

async function probe(settings: Record<string, string>, args: string[]): Promise<ProbeFigures> {
  const env = childEnvironment({ ...settings, ...PROBE_IDENTITY });
  const { stdout } = await run(process.execPath, [PROBE, ...args], {
    cwd: packageRoot(),
    env,
    timeout: PROBE_TIMEOUT_MS,
  });
  return probeFigures(stdout);
}

/**
 * Times loading the app (every functions/* and orchestrations/* module of the CJS build through
 * devhost/loadApp) in COLD_START_RUNS fresh `node` processes, one after another, with the app `settings`.
 */
export async function measureColdStart(settings: Record<string, string>): Promise<ColdStart> {
  const runs: ProbeFigures[] = [];
  for (let i = 0; i < COLD_START_RUNS; i += 1) runs.push(await probe(settings, []));
  const perModule = await probe(settings, ['--per-module']);
  return {
    runs: runs.length,
    loadAppMs: spreadOf(runs.map((r) => r.loadAppMs)),
    processToLoadedMs: spreadOf(runs.map((r) => r.processToLoadedMs)),
    rssBytes: spreadOf(runs.map((r) => r.rssBytes)).median,
    functions: runs[0]?.functions ?? 0,
    perModuleMs: perModule.perModuleMs ?? {},
  };
}
