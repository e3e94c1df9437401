import { readFile } from 'node:fs/promises';

/** Resident memory of a process, in bytes. */
export interface ProcessMemory {
  rssBytes: number;
  /** The most it ever held resident (VmHWM). */
  peakRssBytes: number;
}

function kilobytes(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  if (!match) throw new Error(`/proc status has no ${field} line`);
  return Number(match[1]) * 1024;
}

/**
 * Reads the memory of process `pid` from /proc/<pid>/status (Linux).
 * @throws when the process is gone or /proc is not there.
 */
export async function processMemory(pid: number): Promise<ProcessMemory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return { rssBytes: kilobytes(status, 'VmRSS'), peakRssBytes: kilobytes(status, 'VmHWM') };
}
