import { randomUUID } from 'node:crypto';
import type { Logger } from '../../shared/telemetry/logger';
import { errorFields, toError } from '../../shared/telemetry/errors';
import { invokeWithHooks } from '../hooks';
import { createInvocationContext, type InvocationOptions } from '../invocationContext';
import type { DurableRegistration, LoadedApp } from '../registrations';
import { ActionType, actionSignature, activityInput, flattenActions, type EngineAction } from './actions';
import { alarmAt } from './clock';
import { createLimiter } from './limiter';
import { events, type HistoryEvent } from './history';
import { newInstance, TERMINAL, type ArmedTimer, type Delivery, type Instance, type Work } from './instance';
import { AZURE_TIMER_LIMITS, orchestrationTrigger, replayEpisode, type Episode, type TimerLimits } from './replay';
import { nextTimerFire, retryDelayMs, scheduleAction, UnsupportedActionError, type TimerLimitsMs } from './schedule';
import { timeSpanMs } from './timeSpan';

/** How the runner invokes and logs; timer limits default to Azure Storage's (6 days, 3-day steps). */
export interface RunnerOptions extends InvocationOptions {
  log: Logger;
  limits?: TimerLimits;
  /** Most activities and orchestrator episodes running at once (host.json durableTask); 10 each. */
  concurrency?: { activities: number; orchestrators: number };
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
  raiseEvent(instanceId: string, eventName: string, data: unknown): void;
  terminate(instanceId: string, reason: string): void;
  suspend(instanceId: string, reason: string): void;
  resume(instanceId: string, reason: string): void;
  get(instanceId: string): Instance | undefined;
  list(): Instance[];
  /** Forgets an instance; false when there was none. Running instances stop first. */
  purge(instanceId: string): boolean;
  /** Resolves once no episode or activity is in flight and no instance has anything to deliver. */
  idle(): Promise<void>;
  /** Cancels every timer and waits for work in flight; the runner accepts nothing afterwards. */
  stop(): Promise<void>;
}

function findByName<T extends { name: string }>(list: readonly T[], name: string): T | undefined {
  return list.find((r) => r.name.toLowerCase() === name.toLowerCase());
}

function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** The first action whose signature differs from the history of this execution, if any. */
export function firstMismatch(signatures: readonly string[], actions: readonly EngineAction[]) {
  for (const [index, expected] of signatures.entries()) {
    const action = actions[index];
    const actual = action ? actionSignature(action) : 'nothing';
    if (actual !== expected) return { index, expected, actual };
  }
  return undefined;
}

/**
 * Creates the devhost's orchestration runner. Each instance lives in memory: every episode appends
 * OrchestratorStarted and one delivered event to its history, replays it through the orchestration's
 * real handler, checks that the actions it had scheduled before are scheduled again (same activity,
 * timer and event names: the engine itself does not check), then schedules the new ones: activities
 * run in-process, timers on the wall clock (long timers as loops of sub-timers, as the extension splits
 * them), external events arrive through raiseEvent.
 */
export function createOrchestrationRunner(app: LoadedApp, options: RunnerOptions): OrchestrationRunner {
  const limits = options.limits ?? AZURE_TIMER_LIMITS;
  const limitsMs: TimerLimitsMs = {
    maximumShortTimerMs: timeSpanMs(limits.maximumShortTimerDuration),
    longRunningTimerIntervalMs: timeSpanMs(limits.longRunningTimerIntervalDuration),
  };
  const activitySlots = createLimiter(options.concurrency?.activities ?? 10);
  const episodeSlots = createLimiter(options.concurrency?.orchestrators ?? 10);
  const instances = new Map<string, Instance>();
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;

  const track = (work: Promise<unknown>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  const logOf = (instance: Instance) =>
    options.log.child({ instanceId: instance.instanceId, orchestration: instance.name });

  function deliver(instance: Instance, delivery: Delivery): void {
    instance.inbox.push(delivery);
    kick(instance);
  }

  function kick(instance: Instance): void {
    if (stopped || instance.busy || instance.status === 'Suspended' || TERMINAL.has(instance.status)) return;
    const delivery = instance.inbox.shift();
    if (!delivery) return;
    if (delivery.execution !== instance.execution && delivery.kind !== 'event') return kick(instance);

    instance.busy = true;
    const run = runEpisode(instance, delivery)
      .catch((error: unknown) => finish(instance, 'Failed', toError(error).message, new Date()))
      .finally(() => {
        instance.busy = false;
        kick(instance);
      });
    track(run);
  }

  function clearTimers(instance: Instance): void {
    instance.timers.forEach((t) => t.cancel());
    instance.timers.clear();
  }

  function finish(instance: Instance, status: 'Completed' | 'Failed' | 'Terminated', output: unknown, at: Date) {
    clearTimers(instance);
    instance.inbox.length = 0;
    instance.status = status;
    instance.output = output ?? null;
    instance.lastUpdatedTime = at;
    const log = logOf(instance);
    if (status === 'Failed') log.error('orchestration failed', { status, reason: String(output) });
    else log.info('orchestration finished', { status });
  }

  function fail(instance: Instance, reason: string, at: Date): void {
    instance.history.push(events.executionCompleted(at, JSON.stringify(reason), 'Failed'));
    finish(instance, 'Failed', reason, at);
  }

  function fired(instance: Instance, timer: ArmedTimer): Delivery {
    return {
      kind: 'completion',
      execution: instance.execution,
      notBefore: timer.fireAt,
      events: (at, work) => {
        if (timer.finalFireAt && timer.finalFireAt > at) {
          const next = nextTimerFire(timer.finalFireAt, at, limitsMs);
          const followUp: ArmedTimer = { ...timer, id: instance.nextId++, fireAt: next };
          if (next.getTime() === timer.finalFireAt.getTime()) delete followUp.finalFireAt;
          work.timers.push(followUp);
        }
        if (timer.retry) retryAfterTimer(instance, timer.id, work);
        return [events.timerFired(at, timer.id, timer.fireAt)];
      },
    };
  }

  function retryAfterTimer(instance: Instance, timerId: number, work: Work): void {
    const retry = instance.retries.get(timerId);
    instance.retries.delete(timerId);
    if (!retry || retry.attempts >= retry.maxAttempts) return;
    const id = instance.nextId++;
    instance.retries.set(id, retry);
    work.activities.push({ id, functionName: retry.functionName, input: retry.input });
  }

  function failedTask(instance: Instance, id: number, error: Error, name: string): Delivery {
    return {
      kind: 'completion',
      execution: instance.execution,
      events: (at, work) => {
        const retry = instance.retries.get(id);
        instance.retries.delete(id);
        if (retry) {
          retry.attempts++;
          const timer: ArmedTimer = {
            id: instance.nextId++,
            fireAt: new Date(at.getTime() + retryDelayMs(retry)),
            retry: true,
          };
          instance.retries.set(timer.id, retry);
          work.timers.push(timer);
        }
        const reason = `Activity function '${name}' failed: ${error.message}`;
        return [events.taskFailed(at, id, reason, error.stack ?? '')];
      },
    };
  }

  function completedTask(instance: Instance, id: number, result: unknown): Delivery {
    return {
      kind: 'completion',
      execution: instance.execution,
      events: (at) => {
        instance.retries.delete(id);
        return [events.taskCompleted(at, id, JSON.stringify(result ?? null))];
      },
    };
  }

  async function runActivity(instance: Instance, activity: Work['activities'][number]): Promise<void> {
    const registration = findByName(app.activities, activity.functionName);
    if (!registration) {
      const error = new Error(`The activity function '${activity.functionName}' is not registered`);
      return deliver(instance, failedTask(instance, activity.id, error, activity.functionName));
    }
    const { context, logger } = createInvocationContext(registration, options);
    try {
      const result = await activitySlots(async () => invokeWithHooks(registration.handler, [activity.input], context));
      deliver(instance, completedTask(instance, activity.id, result));
    } catch (error) {
      logger.warn('activity failed', { instanceId: instance.instanceId, ...errorFields(toError(error)) });
      deliver(instance, failedTask(instance, activity.id, toError(error), registration.name));
    }
  }

  function startWork(instance: Instance, work: Work, at: Date): void {
    for (const timer of work.timers) {
      instance.history.push(events.timerCreated(at, timer.id, timer.fireAt));
      const alarm = alarmAt(timer.fireAt, () => {
        instance.timers.delete(timer.id);
        deliver(instance, fired(instance, timer));
      });
      instance.timers.set(timer.id, { cancel: () => alarm.cancel(), timer });
    }
    for (const activity of work.activities) {
      instance.history.push(events.taskScheduled(at, activity.id, activity.functionName, json(activity.input)));
      track(runActivity(instance, activity));
    }
  }

  function cancelTimers(instance: Instance, actions: readonly EngineAction[]): void {
    actions.forEach((action, index) => {
      if (action.actionType !== ActionType.CreateTimer || !action.isCanceled) return;
      for (const [id, entry] of instance.timers) {
        if (entry.timer.actionIndex !== index) continue;
        entry.cancel();
        instance.timers.delete(id);
      }
    });
  }

  function continueAsNew(instance: Instance, action: EngineAction, at: Date): void {
    clearTimers(instance);
    const carried = instance.inbox.filter((d) => d.kind === 'event');
    Object.assign(instance, {
      input: activityInput(action),
      history: [],
      signatures: [],
      nextId: 0,
      execution: instance.execution + 1,
      retries: new Map(),
      inbox: [startDelivery(instance, instance.execution + 1), ...carried],
      lastUpdatedTime: at,
    });
    logOf(instance).info('orchestration continued as new', { execution: instance.execution });
  }

  function scheduleNew(instance: Instance, actions: EngineAction[], at: Date): Work {
    const work: Work = { timers: [], activities: [] };
    for (let index = instance.signatures.length; index < actions.length; index++) {
      const action = actions[index]!;
      scheduleAction(instance, action, index, at, work, limitsMs);
      instance.signatures.push(actionSignature(action));
    }
    return work;
  }

  function applyEpisode(instance: Instance, episode: Episode, at: Date, pending: Work): void {
    if (episode.error !== undefined) return fail(instance, episode.error, at);
    const actions = flattenActions(episode.actions);
    const mismatch = firstMismatch(instance.signatures, actions);
    if (mismatch) {
      const detail = `action ${mismatch.index} was ${mismatch.expected} in the history, now ${mismatch.actual}`;
      return fail(instance, `Non-deterministic orchestration detected: ${detail}`, at);
    }

    const work = scheduleNew(instance, actions, at);
    startWork(
      instance,
      { timers: [...pending.timers, ...work.timers], activities: [...pending.activities, ...work.activities] },
      at,
    );
    cancelTimers(instance, actions);
    instance.customStatus = episode.customStatus ?? null;

    if (!episode.done) return;
    const next = actions.find((a) => a.actionType === ActionType.ContinueAsNew);
    if (next) return continueAsNew(instance, next, at);
    instance.history.push(events.executionCompleted(at, json(episode.output), 'Completed'));
    finish(instance, 'Completed', episode.output, at);
  }

  async function runEpisode(instance: Instance, delivery: Delivery): Promise<void> {
    const now = new Date();
    const at = delivery.notBefore && delivery.notBefore > now ? delivery.notBefore : now;
    const pending: Work = { timers: [], activities: [] };
    const delivered = delivery.events(at, pending);
    instance.history.push(events.orchestratorStarted(at), ...delivered);
    if (instance.status === 'Pending') instance.status = 'Running';

    const registration = findByName(app.orchestrations, instance.name) as DurableRegistration;
    const history = instance.history;
    const trigger = orchestrationTrigger(instance.instanceId, instance.input, history, limits);
    const episode = await episodeSlots(() => replayEpisode(registration, trigger, options));
    // Terminated or purged while the episode ran: its outcome no longer counts.
    if (TERMINAL.has(instance.status)) return;
    try {
      applyEpisode(instance, episode, at, pending);
    } catch (error) {
      if (!(error instanceof UnsupportedActionError)) throw error;
      fail(instance, error.message, at);
    }
    history.push(events.orchestratorCompleted(new Date()));
    instance.lastUpdatedTime = new Date();
  }

  function startDelivery(instance: Instance, execution: number): Delivery {
    return {
      kind: 'start',
      execution,
      events: (at) => [events.executionStarted(at, instance.name, json(instance.input))],
    };
  }

  function existing(instanceId: string): Instance {
    const instance = instances.get(instanceId);
    if (!instance) throw new RunnerError('instance_not_found', `No instance with ID '${instanceId}' exists`);
    return instance;
  }

  function running(instanceId: string): Instance {
    const instance = existing(instanceId);
    if (TERMINAL.has(instance.status)) {
      throw new RunnerError('instance_done', `Instance '${instanceId}' is ${instance.status.toLowerCase()}`);
    }
    return instance;
  }

  return {
    start(name, input, instanceId = randomUUID().replace(/-/g, '')) {
      const registration = findByName(app.orchestrations, name);
      if (!registration) throw new RunnerError('orchestrator_not_found', `No orchestrator function named '${name}'`);
      const current = instances.get(instanceId);
      if (current && !TERMINAL.has(current.status)) {
        throw new RunnerError('instance_exists', `Instance '${instanceId}' is ${current.status.toLowerCase()}`);
      }
      const instance = newInstance(instanceId, registration.name, input, new Date());
      instances.set(instanceId, instance);
      logOf(instance).info('orchestration started', {});
      deliver(instance, startDelivery(instance, instance.execution));
      return instance;
    },
    raiseEvent(instanceId, eventName, data) {
      const instance = running(instanceId);
      deliver(instance, {
        kind: 'event',
        execution: instance.execution,
        events: (at) => [events.eventRaised(at, eventName, json(data))],
      });
    },
    terminate(instanceId, reason) {
      const instance = running(instanceId);
      const at = new Date();
      instance.history.push(events.executionTerminated(at, reason));
      finish(instance, 'Terminated', reason, at);
    },
    suspend(instanceId) {
      const instance = running(instanceId);
      instance.status = 'Suspended';
      instance.lastUpdatedTime = new Date();
    },
    resume(instanceId) {
      const instance = running(instanceId);
      if (instance.status !== 'Suspended') return;
      instance.status = 'Running';
      instance.lastUpdatedTime = new Date();
      kick(instance);
    },
    get: (instanceId) => instances.get(instanceId),
    list: () => [...instances.values()],
    purge(instanceId) {
      const instance = instances.get(instanceId);
      if (!instance) return false;
      clearTimers(instance);
      instance.status = TERMINAL.has(instance.status) ? instance.status : 'Terminated';
      return instances.delete(instanceId);
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      stopped = true;
      instances.forEach(clearTimers);
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** The history event types of an instance, for tests and diagnostics. */
export function historyTypes(history: readonly HistoryEvent[]): number[] {
  return history.map((e) => e.EventType);
}
