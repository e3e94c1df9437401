import { events } from './history';
import type { ArmedTimer, Delivery, Instance, Work } from './instance';
import { nextTimerFire, retryDelayMs, type TimerLimitsMs } from './schedule';

/** JSON text of a value as history events carry it; undefined becomes null. */
export function json(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

/** ExecutionStarted for the instance's current execution and input. */
export function startDelivery(instance: Instance): Delivery {
  return {
    kind: 'start',
    execution: instance.execution,
    events: (at) => [events.executionStarted(at, instance.name, json(instance.input))],
  };
}

/** An external event; it outlives a continue-as-new, as undelivered messages do. */
export function eventDelivery(instance: Instance, name: string, data: unknown): Delivery {
  return {
    kind: 'event',
    execution: instance.execution,
    payload: { name, data },
    events: (at) => [events.eventRaised(at, name, json(data))],
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

/**
 * TimerFired for `timer`. A sub-timer of a long timer gets its successor here, and a retry delay its
 * next attempt, because the engine allocates their sequence ids while replaying this very event.
 */
export function timerDelivery(instance: Instance, timer: ArmedTimer, limits: TimerLimitsMs): Delivery {
  return {
    kind: 'completion',
    execution: instance.execution,
    notBefore: timer.fireAt,
    events: (at, work) => {
      instance.timers.delete(timer.id);
      if (timer.finalFireAt && timer.finalFireAt > at) {
        const next = nextTimerFire(timer.finalFireAt, at, limits);
        const followUp: ArmedTimer = { ...timer, id: instance.nextId++, fireAt: next };
        if (next.getTime() === timer.finalFireAt.getTime()) delete followUp.finalFireAt;
        work.timers.push(followUp);
      }
      if (timer.retry) retryAfterTimer(instance, timer.id, work);
      return [events.timerFired(at, timer.id, timer.fireAt)];
    },
  };
}

/** TaskCompleted with the activity's result as JSON (null for nothing). */
export function completedDelivery(instance: Instance, id: number, result: unknown): Delivery {
  return {
    kind: 'completion',
    execution: instance.execution,
    events: (at) => {
      instance.retries.delete(id);
      return [events.taskCompleted(at, id, JSON.stringify(result ?? null))];
    },
  };
}

/** TaskFailed as the extension reports it; an activity with retries gets its delay timer here. */
export function failedDelivery(instance: Instance, id: number, error: Error, name: string): Delivery {
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
