import os from 'node:os';
import type { MachineFacts } from './report';

/** The machine and runtime the figures are taken on; both load averages are the current one. */
export function machineFacts(): MachineFacts {
  const cpus = os.cpus();
  const oneMinute = loadAverageNow();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown CPU',
    memoryBytes: os.totalmem(),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    loadAverage: { atStart: oneMinute, atEnd: oneMinute },
  };
}

/** The current 1-minute load average. */
export function loadAverageNow(): number {
  return os.loadavg()[0] ?? 0;
}
