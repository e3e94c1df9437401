import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../devhost/freePort';
import { compiledRoot, packageRoot } from '../devhost/paths';
import { childEnvironment } from './environment';

/** The devhost process the load runs against. */
export interface DevhostUnderTest {
  url: string;
  pid: number;
  /** Its dev signing keys: tokens signed with them are trusted. */
  keyDir: string;
  /** Milliseconds from spawn to its first 200 on GET /api/v1/health. */
  timeToHealthMs: number;
  /** The last part of what it wrote to stdout and stderr. */
  output(): string;
  /** SIGTERM, then SIGKILL after a while; removes its state folder. */
  stop(): Promise<void>;
}

const HEALTH_POLL_MS = 20;
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const OUTPUT_KEPT_CHARS = 20_000;

function keepOutput(child: ChildProcess): () => string {
  let text = '';
  const add = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-OUTPUT_KEPT_CHARS);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => text;
}

async function answersHealth(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`devhost exited with ${child.exitCode} while starting:\n${output()}`);
    if (await answersHealth(url)) return;
    await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
  }
  throw new Error(`devhost did not answer ${url}/api/v1/health within ${START_TIMEOUT_MS} ms:\n${output()}`);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
  });
}

async function stopChild(child: ChildProcess, stateDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  await exited(child);
  await rm(stateDir, { recursive: true, force: true });
}

/**
 * Spawns the compiled devhost (`node dist/devhost/main.js`, the Node running the bench) on a free
 * loopback port with `settings` and a fresh state folder, and waits for GET /api/v1/health to answer 200.
 * @throws when dist/ is not built, or the devhost exits or stays silent while starting (with its output).
 */
export async function startDevhostUnderTest(settings: Record<string, string>): Promise<DevhostUnderTest> {
  const main = path.join(compiledRoot(), 'devhost', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  const port = await freePort();
  const stateDir = await mkdtemp(path.join(tmpdir(), 'signoff-bench-'));
  const env = childEnvironment({ ...settings, PORT: String(port), DEVHOST_DIR: stateDir });

  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [main], { cwd: packageRoot(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = keepOutput(child);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, output);
  } catch (error) {
    await stopChild(child, stateDir);
    throw error;
  }

  return {
    url,
    pid: child.pid!,
    keyDir: path.join(stateDir, 'keys'),
    timeToHealthMs: performance.now() - spawnedAt,
    output,
    stop: () => stopChild(child, stateDir),
  };
}
