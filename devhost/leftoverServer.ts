import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../shared/telemetry/logger';

const STOP_WAIT_MS = 10_000;
const POLL_MS = 100;

/** The file naming the process that started the server of `dataDir` (beside the data dir, not in it). */
function ownerFile(dataDir: string): string {
  return `${path.resolve(dataDir)}.owner`;
}

/** Records this process as the one running the server of `dataDir`. */
export async function claimDataDir(dataDir: string): Promise<void> {
  await writeFile(ownerFile(dataDir), `${process.pid}\n`);
}

/** Forgets the record of claimDataDir, after a clean stop. */
export async function releaseDataDir(dataDir: string): Promise<void> {
  await rm(ownerFile(dataDir), { force: true });
}

async function pidIn(file: string): Promise<number | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const pid = Number(text.split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Whether a process with this pid exists (one of another user counts too). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The parent and arguments of a process, from /proc (Linux); undefined where they cannot be read. */
async function processInfo(pid: number): Promise<{ ppid: number; args: string[] } | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    // The command name in parentheses may hold spaces: the parent pid is the 2nd field after it.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return { ppid, args };
  } catch {
    return undefined;
  }
}

function servesDataDir(args: string[], dataDir: string): boolean {
  const at = args.indexOf('-D');
  const dir = at >= 0 ? args[at + 1] : undefined;
  return (
    path.basename(args[0] ?? '') === 'postgres' && dir !== undefined && path.resolve(dir) === path.resolve(dataDir)
  );
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  for (const deadline = Date.now() + ms; Date.now() < deadline;) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return !isAlive(pid);
}

/** Fast shutdown (SIGINT), then immediate shutdown (SIGQUIT) when that takes too long. */
async function stopServer(pid: number): Promise<void> {
  process.kill(pid, 'SIGINT');
  if (await waitForExit(pid, STOP_WAIT_MS)) return;
  process.kill(pid, 'SIGQUIT');
  if (!(await waitForExit(pid, STOP_WAIT_MS))) throw new Error(`PostgreSQL (pid ${pid}) did not stop`);
}

/**
 * Clears what an earlier devhost left in `dataDir` when it was killed (SIGKILL, a second Ctrl-C, a crash):
 * its PostgreSQL server still running there is stopped, and a postmaster.pid naming a pid that another
 * program now has is removed. A postmaster.pid whose process is gone is left to PostgreSQL, which
 * recovers from it. A server whose parent is the live process that claimed the data dir is not touched.
 * @throws when another live devhost runs the server, or when the server's process cannot be inspected.
 */
export async function clearLeftoverServer(dataDir: string, log: Logger): Promise<void> {
  const lockFile = path.join(dataDir, 'postmaster.pid');
  const pid = await pidIn(lockFile);
  if (pid === undefined || !isAlive(pid)) return;

  const info = await processInfo(pid);
  if (!info) throw new Error(`PostgreSQL (pid ${pid}) may still run on ${dataDir}; stop it (kill ${pid}) and retry`);
  if (!servesDataDir(info.args, dataDir)) {
    log.warn('stale postmaster.pid removed', { pid, dataDir });
    return rm(lockFile, { force: true });
  }

  const owner = await pidIn(ownerFile(dataDir));
  if (info.ppid !== 1 && (owner === undefined || owner === info.ppid) && isAlive(info.ppid)) {
    throw new Error(`another devhost (pid ${info.ppid}) runs PostgreSQL on ${dataDir}; stop it or set DEVHOST_DIR`);
  }
  log.warn('stopping the embedded PostgreSQL a killed devhost left running', { pid, dataDir });
  await stopServer(pid);
}
