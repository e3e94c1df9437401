import { randomUUID } from 'node:crypto';
import { errorFields, toError } from '../../shared/telemetry/errors';
import { invokeWithHooks } from '../hooks';
import { createInvocationContext } from '../invocationContext';
import type { DurableRegistration, LoadedApp } from '../registrations';
import { alarmAt } from './clock';
import { completedDelivery, eventDelivery, failedDelivery, json, startDelivery, timerDelivery } from './deliveries';
import { applyEpisode, type EpisodeHost } from './episode';
import { events, type HistoryEvent } from './history';
import { newInstance, TERMINAL, type ArmedTimer, type Delivery, type Instance, type Work } from './instance';
import { createLimiter } from './limiter';
import { fromPersisted, toPersisted, unfinishedActivities } from './persistence';
import { AZURE_TIMER_LIMITS, orchestrationTrigger, replayEpisode } from './replay';
import { RunnerError, type OrchestrationRunner, type RunnerOptions } from './runnerTypes';
import { UnsupportedActionError, type TimerLimitsMs } from './schedule';
import { timeSpanMs } from './timeSpan';

export { RunnerError, type OrchestrationRunner, type RunnerOptions } from './runnerTypes';

function findByName<T extends { name: string }>(list: readonly T[], name: string): T | undefined {
  return list.find((r) => r.name.toLowerCase() === name.toLowerCase());
}

function limitsInMs(options: RunnerOptions): TimerLimitsMs {
  const limits = options.limits ?? AZURE_TIMER_LIMITS;
  return {
    maximumShortTimerMs: timeSpanMs(limits.maximumShortTimerDuration),
    longRunningTimerIntervalMs: timeSpanMs(limits.longRunningTimerIntervalDuration),
  };
}

/**
 * Creates the devhost's orchestration runner. Every episode appends OrchestratorStarted and one delivered
 * event to an instance's history, replays it through the orchestration's real handler, checks that the
 * actions scheduled before are scheduled again (same activity, timer and event names: the engine itself
 * does not check), then schedules the new ones: activities run in-process, timers on the wall clock (long
 * timers as loops of sub-timers, as the extension splits them), external events come through raiseEvent.
 * With a store, instances survive a restart: timers re-arm, unfinished activities run again.
 */
export function createOrchestrationRunner(app: LoadedApp, options: RunnerOptions): OrchestrationRunner {
  const limits = limitsInMs(options);
  const activitySlots = createLimiter(options.concurrency?.activities ?? 10);
  const episodeSlots = createLimiter(options.concurrency?.orchestrators ?? 10);
  const instances = new Map<string, Instance>();
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;

  const track = (work: Promise<unknown>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  const logOf = (i: Instance) => options.log.child({ instanceId: i.instanceId, orchestration: i.name });
  const persist = (instance: Instance) => {
    if (instances.get(instance.instanceId) === instance) options.store?.save(toPersisted(instance));
  };

  function deliver(instance: Instance, delivery: Delivery): void {
    instance.inbox.push(delivery);
    persist(instance);
    kick(instance);
  }

  function kick(instance: Instance): void {
    if (stopped || instance.busy || instance.status === 'Suspended' || TERMINAL.has(instance.status)) return;
    const delivery = instance.inbox.shift();
    if (!delivery) return;
    if (delivery.execution !== instance.execution && delivery.kind !== 'event') return kick(instance);

    instance.busy = true;
    const run = runEpisode(instance, delivery)
      .catch((error: unknown) => host.finish(instance, 'Failed', toError(error).message, new Date()))
      .finally(() => {
        instance.busy = false;
        persist(instance);
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
    Object.assign(instance, { status, output: output ?? null, lastUpdatedTime: at });
    if (status === 'Failed') logOf(instance).error('orchestration failed', { status, reason: String(output) });
    else logOf(instance).info('orchestration finished', { status });
  }

  function arm(instance: Instance, timer: ArmedTimer): void {
    const alarm = alarmAt(timer.fireAt, () => deliver(instance, timerDelivery(instance, timer, limits)));
    instance.timers.set(timer.id, { cancel: () => alarm.cancel(), timer });
  }

  async function runActivity(instance: Instance, activity: Work['activities'][number]): Promise<void> {
    const registration = findByName(app.activities, activity.functionName);
    if (!registration) {
      const error = new Error(`The activity function '${activity.functionName}' is not registered`);
      return deliver(instance, failedDelivery(instance, activity.id, error, activity.functionName));
    }
    const { context, logger } = createInvocationContext(registration, options);
    try {
      const result = await activitySlots(async () => invokeWithHooks(registration.handler, [activity.input], context));
      deliver(instance, completedDelivery(instance, activity.id, result));
    } catch (error) {
      logger.warn('activity failed', { instanceId: instance.instanceId, ...errorFields(toError(error)) });
      deliver(instance, failedDelivery(instance, activity.id, toError(error), registration.name));
    }
  }

  const host: EpisodeHost = {
    limits,
    startWork(instance, work, at) {
      for (const timer of work.timers) {
        instance.history.push(events.timerCreated(at, timer.id, timer.fireAt));
        arm(instance, timer);
      }
      for (const activity of work.activities) {
        instance.history.push(events.taskScheduled(at, activity.id, activity.functionName, json(activity.input)));
        track(runActivity(instance, activity));
      }
    },
    finish,
    clearTimers,
    continued: (instance) => logOf(instance).info('orchestration continued as new', { execution: instance.execution }),
  };

  async function runEpisode(instance: Instance, delivery: Delivery): Promise<void> {
    const now = new Date();
    const at = delivery.notBefore && delivery.notBefore > now ? delivery.notBefore : now;
    const pending: Work = { timers: [], activities: [] };
    instance.history.push(events.orchestratorStarted(at), ...delivery.events(at, pending));
    if (instance.status === 'Pending') instance.status = 'Running';

    const registration = findByName(app.orchestrations, instance.name) as DurableRegistration;
    const history = instance.history;
    const trigger = orchestrationTrigger(
      instance.instanceId,
      instance.input,
      history,
      options.limits ?? AZURE_TIMER_LIMITS,
    );
    const episode = await episodeSlots(() => replayEpisode(registration, trigger, options));
    // Terminated or purged while the episode ran: its outcome no longer counts.
    if (TERMINAL.has(instance.status)) return;
    try {
      applyEpisode(host, instance, episode, at, pending);
    } catch (error) {
      if (!(error instanceof UnsupportedActionError)) throw error;
      history.push(events.executionCompleted(at, JSON.stringify(error.message), 'Failed'));
      finish(instance, 'Failed', error.message, at);
    }
    history.push(events.orchestratorCompleted(new Date()));
    instance.lastUpdatedTime = new Date();
  }

  function restore(): void {
    for (const saved of options.store?.loadAll() ?? []) {
      const { instance, timers } = fromPersisted(saved);
      instances.set(instance.instanceId, instance);
      if (TERMINAL.has(instance.status)) continue;
      if (!findByName(app.orchestrations, instance.name)) {
        finish(instance, 'Failed', `The orchestrator function '${instance.name}' is no longer registered`, new Date());
        persist(instance);
        continue;
      }
      if (instance.history.length === 0) instance.inbox.push(startDelivery(instance));
      saved.events.forEach((e) => instance.inbox.push(eventDelivery(instance, e.name, e.data)));
      timers.forEach((timer) => arm(instance, timer));
      unfinishedActivities(instance).forEach((activity) => track(runActivity(instance, activity)));
      kick(instance);
    }
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

  function setSuspended(instanceId: string, suspended: boolean): void {
    const instance = running(instanceId);
    if ((instance.status === 'Suspended') === suspended) return;
    instance.status = suspended ? 'Suspended' : 'Running';
    instance.lastUpdatedTime = new Date();
    persist(instance);
    kick(instance);
  }

  restore();
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
      deliver(instance, startDelivery(instance));
      return instance;
    },
    raiseEvent(instanceId, eventName, data) {
      const instance = running(instanceId);
      deliver(instance, eventDelivery(instance, eventName, data));
    },
    terminate(instanceId, reason) {
      const instance = running(instanceId);
      const at = new Date();
      instance.history.push(events.executionTerminated(at, reason));
      finish(instance, 'Terminated', reason, at);
      persist(instance);
    },
    suspend: (instanceId) => setSuspended(instanceId, true),
    resume: (instanceId) => setSuspended(instanceId, false),
    get: (instanceId) => instances.get(instanceId),
    list: () => [...instances.values()],
    purge(instanceId) {
      const instance = instances.get(instanceId);
      if (!instance) return false;
      clearTimers(instance);
      if (!TERMINAL.has(instance.status)) instance.status = 'Terminated';
      options.store?.remove(instanceId);
      return instances.delete(instanceId);
    },
    async idle() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      stopped = true;
      // Cancel the alarms but keep the timers: a store keeps them for the next start.
      instances.forEach((instance) => instance.timers.forEach((t) => t.cancel()));
      await Promise.allSettled([...inFlight]);
    },
  };
}

/** The history event types of an instance, for tests and diagnostics. */
export function historyTypes(history: readonly HistoryEvent[]): number[] {
  return history.map((e) => e.EventType);
}
