import type { Logger } from '../../shared/telemetry/logger';
import type { InvocationOptions } from '../invocationContext';
import type { Instance } from './instance';
import type { InstanceStore } from './persistence';
import type { TimerLimits } from './replay';

/** How the runner invokes, logs and keeps instances; timer limits default to Azure Storage's. */
export interface RunnerOptions extends InvocationOptions {
  log: Logger;
  limits?: TimerLimits;
  /** Most activities and orchestrator episodes running at once (host.json durableTask); 10 each. */
  concurrency?: { activities: number; orchestrators: number };
  /** Where instances survive a restart; in memory only when absent. */
  store?: InstanceStore;
}

/** Why a start, event or termination was refused. */
export class RunnerError extends Error {
  constructor(
    readonly reason: 'orchestrator_not_found' | 'instance_exists' | 'instance_not_found' | 'instance_done',
    message: string,
  ) {
    super(message);
    this.name = 'RunnerError';
  }
}

/** Runs durable orchestrations of the app in this process, over the durable-functions replay engine. */
export interface OrchestrationRunner {
  /** Starts orchestration `name` (case-insensitive) with `input`; a finished instance id may be reused. */
  start(name: string, input: unknown, instanceId?: string): Instance;
  /** @throws RunnerError when the instance does not exist or has finished. */
  raiseEvent(instanceId: string, eventName: string, data: unknown): void;
  terminate(instanceId: string, reason: string): void;
  suspend(instanceId: string, reason: string): void;
  resume(instanceId: string, reason: string): void;
  get(instanceId: string): Instance | undefined;
  list(): Instance[];
  /** Forgets an instance; false when there was none. A running instance stops first. */
  purge(instanceId: string): boolean;
  /** Resolves once no episode or activity is in flight (timers may still be pending). */
  idle(): Promise<void>;
  /** Cancels every timer and waits for work in flight; the runner accepts nothing afterwards. */
  stop(): Promise<void>;
}
