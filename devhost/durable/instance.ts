import type { HistoryEvent } from './history';

/** Runtime status of an instance, named as the Durable Functions HTTP API names them. */
export type RuntimeStatus =
  'Pending' | 'Running' | 'Completed' | 'ContinuedAsNew' | 'Failed' | 'Terminated' | 'Suspended';

/** Statuses after which an instance takes no more events. */
export const TERMINAL: ReadonlySet<RuntimeStatus> = new Set(['Completed', 'Failed', 'Terminated']);

/** Work an episode hands out: timers to create and activities to run, each with its sequence id. */
export interface Work {
  timers: ArmedTimer[];
  activities: { id: number; functionName: string; input: unknown }[];
}

/**
 * Something delivered to an instance in its next episode: history events made at delivery time, so ids
 * the engine allocates while replaying them (sub-timers, retries) are allocated here in the same order.
 */
export interface Delivery {
  /** External events outlive a continue-as-new; completions belong to the execution that scheduled them. */
  kind: 'start' | 'event' | 'completion';
  execution: number;
  /** The episode starts no earlier than this (a timer never fires early by the orchestration's clock). */
  notBefore?: Date;
  /** For an external event: its name and data, kept so an undelivered event survives a restart. */
  payload?: { name: string; data: unknown };
  events(at: Date, work: Work): HistoryEvent[];
}

/** A timer the runner arms: its sequence id, fire time, and for a long timer the final fire time. */
export interface ArmedTimer {
  id: number;
  fireAt: Date;
  /** Index of the CreateTimer action it serves (to cancel it). */
  actionIndex?: number;
  /** For a sub-timer of a long timer: when the whole timer fires. */
  finalFireAt?: Date;
  /** For the delay timer of an activity retry: set, and the retry is keyed by this timer's id. */
  retry?: boolean;
}

/** An activity with retries: what to call, how to wait between attempts, and the attempts so far. */
export interface RetryState {
  functionName: string;
  input: unknown;
  maxAttempts: number;
  firstIntervalMs: number;
  backoff: number;
  maxIntervalMs: number;
  attempts: number;
}

/** One orchestration instance as the devhost keeps it (in memory). */
export interface Instance {
  instanceId: string;
  name: string;
  input: unknown;
  status: RuntimeStatus;
  createdTime: Date;
  lastUpdatedTime: Date;
  output: unknown;
  customStatus: unknown;
  history: HistoryEvent[];
  /** Signatures of the actions scheduled so far in this execution, in order (the determinism check). */
  signatures: string[];
  /** Counts executions: a continue-as-new starts the next one. */
  execution: number;
  nextId: number;
  inbox: Delivery[];
  /** Timers created and not yet delivered as TimerFired (a fired one waits in the inbox). */
  timers: Map<number, { cancel(): void; timer: ArmedTimer }>;
  /** Activities with retries, keyed by the id of their current attempt or retry timer. */
  retries: Map<number, RetryState>;
  busy: boolean;
}

/** A new instance of orchestration `name`, Pending until its first episode runs. */
export function newInstance(instanceId: string, name: string, input: unknown, now: Date): Instance {
  return {
    instanceId,
    name,
    input,
    status: 'Pending',
    createdTime: now,
    lastUpdatedTime: now,
    output: null,
    customStatus: null,
    history: [],
    signatures: [],
    execution: 0,
    nextId: 0,
    inbox: [],
    timers: new Map(),
    retries: new Map(),
    busy: false,
  };
}

/** What to include in a status answer. */
export interface StatusOptions {
  showHistory?: boolean;
  showHistoryOutput?: boolean;
  showInput?: boolean;
}

/** The status of an instance as the Durable Functions HTTP API answers it. */
export function statusOf(instance: Instance, options: StatusOptions = {}) {
  const status: Record<string, unknown> = {
    name: instance.name,
    instanceId: instance.instanceId,
    createdTime: instance.createdTime.toISOString(),
    lastUpdatedTime: instance.lastUpdatedTime.toISOString(),
    input: options.showInput === false ? null : (instance.input ?? null),
    output: instance.output ?? null,
    runtimeStatus: instance.status,
    customStatus: instance.customStatus ?? null,
  };
  if (options.showHistory) {
    status['history'] = instance.history.map((e) =>
      options.showHistoryOutput ? e : Object.fromEntries(Object.entries(e).filter(([k]) => k !== 'Result')),
    );
  }
  return status;
}
