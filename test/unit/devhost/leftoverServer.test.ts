import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { claimDataDir, clearLeftoverServer, isAlive, releaseDataDir } from '../../../devhost/leftoverServer';
import { createLogger } from '../../../shared/telemetry/logger';

// A stand-in server: Node under the name `postgres`, started with `-D <dataDir>` as PostgreSQL is.
let dir: string;
let dataDir: string;
let fakePostgres: string;
const script = 'setInterval(() => {}, 1000)';

function logged() {
  const messages: string[] = [];
  return { messages, log: createLogger((_level, message) => messages.push(message), 'debug') };
}

/** Starts the stand-in through a shell that exits at once, so init adopts it as it adopts an orphan. */
function orphanServer(): number {
  const out = spawnSync('sh', ['-c', `"${fakePostgres}" -e "${script}" -- -D "${dataDir}" >/dev/null 2>&1 & echo $!`]);
  return Number(out.stdout.toString().trim());
}

async function lockFileFor(pid: number): Promise<void> {
  await writeFile(path.join(dataDir, 'postmaster.pid'), `${pid}\n${dataDir}\n`);
}

function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid!;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'signoff-leftover-'));
  fakePostgres = path.join(dir, 'postgres');
  await symlink(process.execPath, fakePostgres);
});

beforeEach(async () => {
  dataDir = path.join(dir, `pgdata-${Math.random().toString(36).slice(2)}`);
  await mkdir(dataDir);
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('clearLeftoverServer', () => {
  test('a server that a SIGKILLed devhost left running on the data dir is stopped, so the next start can bind it', async () => {
    const pid = orphanServer();
    await lockFileFor(pid);
    await writeFile(`${dataDir}.owner`, `${deadPid()}\n`);
    const { messages, log } = logged();

    await clearLeftoverServer(dataDir, log);

    expect(isAlive(pid)).toBe(false);
    expect(messages).toContain('stopping the embedded PostgreSQL a killed devhost left running');
  });

  test('a postmaster.pid naming a pid another program now has is removed', async () => {
    await lockFileFor(process.pid);
    const { messages, log } = logged();

    await clearLeftoverServer(dataDir, log);

    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    expect(messages).toContain('stale postmaster.pid removed');
  });

  test('a postmaster.pid whose process is gone is left for PostgreSQL, which recovers from it', async () => {
    await lockFileFor(deadPid());

    await clearLeftoverServer(dataDir, logged().log);

    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(true);
  });

  test('a server whose parent is the live devhost that claimed the data dir is left alone, with a clear error', async () => {
    const child: ChildProcess = spawn(fakePostgres, ['-e', script, '--', '-D', dataDir], { stdio: 'ignore' });
    try {
      await lockFileFor(child.pid!);
      await claimDataDir(dataDir);

      await expect(clearLeftoverServer(dataDir, logged().log)).rejects.toThrow(
        /another devhost \(pid \d+\) runs PostgreSQL/,
      );
      expect(isAlive(child.pid!)).toBe(true);
    } finally {
      child.kill('SIGKILL');
      await releaseDataDir(dataDir);
    }
  });

  test('no postmaster.pid means nothing to clear', async () => {
    await expect(clearLeftoverServer(dataDir, logged().log)).resolves.toBeUndefined();
  });
});
