import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EventType } from './history';
import type { ArmedTimer, Instance, RetryState, RuntimeStatus, Work } from './instance';

/** An instance as the devhost keeps it on disk between runs. */
export interface PersistedInstance {
  instanceId: string;
  name: string;
  input: unknown;
  status: RuntimeStatus;
  createdTime: string;
  lastUpdatedTime: string;
  output: unknown;
  customStatus: unknown;
  history: Instance['history'];
  signatures: string[];
  execution: number;
  nextId: number;
  retries: [number, RetryState][];
  timers: (Omit<ArmedTimer, 'fireAt' | 'finalFireAt'> & { fireAt: string; finalFireAt?: string })[];
  /** External events raised and not yet delivered. */
  events: { name: string; data: unknown }[];
}

/** Where instances are kept. */
export interface InstanceStore {
  loadAll(): PersistedInstance[];
  save(instance: PersistedInstance): void;
  remove(instanceId: string): void;
}

function persistedTimer(timer: ArmedTimer): PersistedInstance['timers'][number] {
  const { fireAt, finalFireAt, ...rest } = timer;
  return { ...rest, fireAt: fireAt.toISOString(), ...(finalFireAt ? { finalFireAt: finalFireAt.toISOString() } : {}) };
}

/** The persisted form of an instance: its state, armed timers and undelivered events. */
export function toPersisted(instance: Instance): PersistedInstance {
  return {
    instanceId: instance.instanceId,
    name: instance.name,
    input: instance.input,
    status: instance.status,
    createdTime: instance.createdTime.toISOString(),
    lastUpdatedTime: instance.lastUpdatedTime.toISOString(),
    output: instance.output,
    customStatus: instance.customStatus,
    history: instance.history,
    signatures: instance.signatures,
    execution: instance.execution,
    nextId: instance.nextId,
    retries: [...instance.retries],
    timers: [...instance.timers.values()].map((t) => persistedTimer(t.timer)),
    events: instance.inbox.flatMap((d) => (d.payload ? [d.payload] : [])),
  };
}

/** The instance back from disk, with nothing armed or in its inbox yet; plus what to re-arm. */
export function fromPersisted(saved: PersistedInstance): { instance: Instance; timers: ArmedTimer[] } {
  const instance: Instance = {
    instanceId: saved.instanceId,
    name: saved.name,
    input: saved.input,
    status: saved.status,
    createdTime: new Date(saved.createdTime),
    lastUpdatedTime: new Date(saved.lastUpdatedTime),
    output: saved.output,
    customStatus: saved.customStatus,
    history: saved.history,
    signatures: saved.signatures,
    execution: saved.execution,
    nextId: saved.nextId,
    retries: new Map(saved.retries),
    timers: new Map(),
    inbox: [],
    busy: false,
  };
  const timers = saved.timers.map(({ fireAt, finalFireAt, ...rest }) => ({
    ...rest,
    fireAt: new Date(fireAt),
    ...(finalFireAt ? { finalFireAt: new Date(finalFireAt) } : {}),
  }));
  return { instance, timers };
}

/**
 * Activities of the current execution scheduled and not completed in its history. After a restart they
 * run again: activities run at least once, as on Azure.
 */
export function unfinishedActivities(instance: Instance): Work['activities'] {
  const done = new Set(
    instance.history
      .filter((e) => e.EventType === EventType.TaskCompleted || e.EventType === EventType.TaskFailed)
      .map((e) => Number(e['TaskScheduledId'])),
  );
  return instance.history
    .filter((e) => e.EventType === EventType.TaskScheduled && !done.has(e.EventId))
    .map((e) => ({
      id: e.EventId,
      functionName: String(e['Name']),
      input: typeof e['Input'] === 'string' ? (JSON.parse(e['Input']) as unknown) : undefined,
    }));
}

/** Keeps each instance as one JSON file in `dir` (written whole, then renamed into place). */
export function directoryStore(dir: string): InstanceStore {
  const file = (instanceId: string) => path.join(dir, `${Buffer.from(instanceId).toString('base64url')}.json`);
  mkdirSync(dir, { recursive: true });
  return {
    loadAll: () =>
      readdirSync(dir)
        .filter((name) => name.endsWith('.json'))
        .map((name) => JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as PersistedInstance),
    save: (instance) => {
      const target = file(instance.instanceId);
      writeFileSync(`${target}.tmp`, JSON.stringify(instance));
      renameSync(`${target}.tmp`, target);
    },
    remove: (instanceId) => rmSync(file(instanceId), { force: true }),
  };
}
