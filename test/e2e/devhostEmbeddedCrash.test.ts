import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isAlive } from '../../devhost/leftoverServer';
import { startDevhostProcess } from '../support/devhostProcess';

jest.setTimeout(120_000);

let stateDir: string;

async function serverPid(): Promise<number> {
  const lock = await readFile(path.join(stateDir, 'pgdata', 'postmaster.pid'), 'utf8');
  return Number(lock.split('\n')[0]);
}

async function readiness(url: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/health/ready`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
  return res?.status ?? 0;
}

async function statusesUntilReady(url: string, ms: number): Promise<number[]> {
  const seen: number[] = [];
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    seen.push(await readiness(url));
    if (seen.at(-1) === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return seen;
}

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'signoff-devhost-crash-'));
});

afterAll(() => rm(stateDir, { recursive: true, force: true }));

describe('embedded PostgreSQL when processes are killed', () => {
  it('a devhost SIGKILLed mid-run leaves its PostgreSQL running, and the next start stops it and starts cleanly', async () => {
    const killed = await startDevhostProcess({ env: { DATABASE_URL: '' }, stateDir });
    const orphan = await serverPid();

    killed.child.kill('SIGKILL');
    await killed.stop();
    expect(isAlive(orphan)).toBe(true);

    const next = await startDevhostProcess({ env: { DATABASE_URL: '' }, stateDir });
    try {
      expect(next.output()).toContain('stopping the embedded PostgreSQL a killed devhost left running');
      expect(isAlive(orphan)).toBe(false);
      expect(await readiness(next.url)).toBe(200);
    } finally {
      expect(await next.stop('SIGINT')).toBe(0);
    }
  });

  it('PostgreSQL SIGKILLed under a running devhost makes readiness 503, then it is restarted and readiness is 200', async () => {
    const devhost = await startDevhostProcess({ env: { DATABASE_URL: '' }, stateDir });
    try {
      process.kill(await serverPid(), 'SIGKILL');

      const statuses = await statusesUntilReady(devhost.url, 30_000);

      expect(statuses).toContain(503);
      expect(statuses.at(-1)).toBe(200);
      expect(devhost.output()).toContain('embedded postgres restarted');
    } finally {
      expect(await devhost.stop('SIGINT')).toBe(0);
    }
  });
});
