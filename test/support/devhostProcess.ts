import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDevIdentityProvider, type DevTokenOptions } from '../../devhost/identity/provider';
import { freePort } from './ports';
import { dropSchema, freshSchemaName } from './schemas';

/** A devhost running as its own process (`node dist/devhost/main.js`), as `npm start` runs it. */
export interface DevhostProcess {
  /** Base URL, 'http://127.0.0.1:<port>'. */
  url: string;
  /** The PostgreSQL schema it runs in (dropped by stop when it used the machine's PostgreSQL). */
  schema: string;
  /** Its state folder (DEVHOST_DIR): dev signing keys, embedded PostgreSQL data; removed by stop unless given. */
  stateDir: string;
  child: ChildProcess;
  /** A dev token its identity provider trusts, signed with its keys. */
  token(options: DevTokenOptions): Promise<string>;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Sends `signal` (SIGTERM), waits for the exit (SIGKILL after 20 s), cleans up; gives the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Options of startDevhostProcess. */
export interface DevhostProcessOptions {
  /** Extra environment; '' unsets a variable. */
  env?: Record<string, string>;
  /** A state folder to use and keep (default: a fresh one, removed by stop). */
  stateDir?: string;
  /** How long to wait for health, in milliseconds (default 60 s). */
  timeoutMs?: number;
}

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/devhost/main.js');
const NODE = existsSync(path.join(ROOT, 'node_modules/.bin/node'))
  ? path.join(ROOT, 'node_modules/.bin/node')
  : process.execPath;
const INHERITED_AWAY = ['AUTH_METADATA_URL', 'AUTH_AUDIENCE', 'PORT', 'DATABASE_SCHEMA', 'DEVHOST_DIR'];

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info' };
  for (const key of INHERITED_AWAY) delete env[key];
  for (const [key, value] of Object.entries(extra)) {
    if (value === '') delete env[key];
    else env[key] = value;
  }
  return env;
}

const STOP_TIMEOUT_MS = 20_000;

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(kill);
      resolve(code);
    });
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
    return res.status === 200;
  } catch {
    return false;
  }
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`devhost exited with ${child.exitCode} during start:\n${output()}`);
    if (await healthy(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`devhost did not answer ${url}/api/v1/health within ${timeoutMs} ms:\n${output()}`);
}

/**
 * Spawns the compiled devhost (Node 22) on a free port against the machine's PostgreSQL in a schema of
 * its own, with a fresh state folder and a Redis key prefix of its own (unless `env` names one), and
 * waits until GET /api/v1/health answers 200.
 * Pass `env: { DATABASE_URL: '' }` to make it start embedded PostgreSQL instead.
 * @throws when dist/ is not built, or the devhost exits or stays silent during start (with its output).
 */
export async function startDevhostProcess(options: DevhostProcessOptions = {}): Promise<DevhostProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  const port = await freePort();
  const schema = freshSchemaName('devhost');
  const stateDir = options.stateDir ?? (await mkdtemp(path.join(tmpdir(), 'signoff-devhost-')));
  // Embedded PostgreSQL runs as the postgres user when tests run as root: it must reach the folder.
  await chmod(stateDir, 0o755);
  // A key prefix of its own, so rate limits spent by other tests (or benchmarks) on the shared Redis
  // do not answer 429 here; the keys expire with their windows.
  const ownKeys = { REDIS_KEY_PREFIX: `${schema}:` };
  const env = childEnv({
    PORT: String(port),
    DATABASE_SCHEMA: schema,
    DEVHOST_DIR: stateDir,
    ...ownKeys,
    ...options.env,
  });

  const child = spawn(NODE, [MAIN], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const cleanup = async () => {
    if (env['DATABASE_URL']) await dropSchema(env['DATABASE_URL'], schema);
    if (!options.stateDir) await rm(stateDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, () => text, options.timeoutMs ?? 60_000);
  } catch (error) {
    await exited(child);
    await cleanup().catch(() => undefined); // the start failure is the error worth reporting
    throw error;
  }

  const identity = createDevIdentityProvider({ baseUrl: url, keyDir: path.join(stateDir, 'keys') });
  return {
    url,
    schema,
    stateDir,
    child,
    token: async (tokenOptions) => (await identity).issueToken(tokenOptions),
    output: () => text,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      const code = await exited(child);
      await cleanup();
      return code;
    },
  };
}
