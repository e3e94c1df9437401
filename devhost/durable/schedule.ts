import { ActionType, activityInput, actionTypeName, fireAtOf, type EngineAction } from './actions';
import type { ArmedTimer, Instance, RetryState, Work } from './instance';

/** Timer limits in milliseconds. */
export interface TimerLimitsMs {
  maximumShortTimerMs: number;
  longRunningTimerIntervalMs: number;
}

/** Thrown for an action the devhost cannot run; the orchestration fails with its message. */
export class UnsupportedActionError extends Error {}

/**
 * The next timer of a (possibly long) timer at `now`, as the engine's LongTimerTask computes it: the
 * final fire time when it is within the short-timer limit, else `now` plus the long-timer interval.
 */
export function nextTimerFire(finalFireAt: Date, now: Date, limits: TimerLimitsMs): Date {
  const remaining = finalFireAt.getTime() - now.getTime();
  if (remaining > limits.maximumShortTimerMs) return new Date(now.getTime() + limits.longRunningTimerIntervalMs);
  return finalFireAt;
}

function scheduleTimer(instance: Instance, action: EngineAction, index: number, at: Date, limits: TimerLimitsMs) {
  const finalFireAt = fireAtOf(action);
  const timer: ArmedTimer = {
    id: instance.nextId++,
    fireAt: nextTimerFire(finalFireAt, at, limits),
    actionIndex: index,
  };
  if (timer.fireAt.getTime() !== finalFireAt.getTime()) timer.finalFireAt = finalFireAt;
  return timer;
}

function retryState(action: EngineAction): RetryState {
  const options = action.retryOptions;
  if (!options) throw new UnsupportedActionError('CallActivityWithRetry without retryOptions');
  return {
    functionName: action.functionName ?? '',
    input: activityInput(action),
    maxAttempts: options.maxNumberOfAttempts,
    firstIntervalMs: options.firstRetryIntervalInMilliseconds,
    backoff: options.backoffCoefficient ?? 1,
    maxIntervalMs: options.maxRetryIntervalInMilliseconds ?? Number.MAX_SAFE_INTEGER,
    attempts: 0,
  };
}

/**
 * Schedules one new action in the order the engine numbers tasks: activities and timers take the
 * next sequence id, external events and continue-as-new take none. Adds what to start to `work`.
 * @throws UnsupportedActionError for sub-orchestrations, entities, HTTP calls and other actions.
 */
export function scheduleAction(
  instance: Instance,
  action: EngineAction,
  index: number,
  at: Date,
  work: Work,
  limits: TimerLimitsMs,
): void {
  switch (action.actionType) {
    case ActionType.CallActivity: {
      const name = action.functionName ?? '';
      work.activities.push({ id: instance.nextId++, functionName: name, input: activityInput(action) });
      return;
    }
    case ActionType.CallActivityWithRetry: {
      const retry = retryState(action);
      const id = instance.nextId++;
      instance.retries.set(id, retry);
      work.activities.push({ id, functionName: retry.functionName, input: retry.input });
      return;
    }
    case ActionType.CreateTimer:
      work.timers.push(scheduleTimer(instance, action, index, at, limits));
      return;
    case ActionType.WaitForExternalEvent:
    case ActionType.ContinueAsNew:
      return;
    default:
      throw new UnsupportedActionError(`The devhost does not run ${actionTypeName(action.actionType)} actions`);
  }
}

/** The delay before the next attempt of a retried activity, as the Durable Task Framework computes it. */
export function retryDelayMs(retry: RetryState): number {
  const delay = retry.firstIntervalMs * retry.backoff ** (retry.attempts - 1);
  return Math.min(delay, retry.maxIntervalMs);
}
