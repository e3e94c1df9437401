import type { Timer } from '@azure/functions';
import { Cron } from 'croner';
import { errorFields, toError } from '../shared/telemetry/errors';
import { invokeWithHooks } from './hooks';
import { createInvocationContext, type InvocationOptions } from './invocationContext';
import type { TimerRegistration } from './registrations';

/** A run this much later than its occurrence is past due, as the host reports a missed one. */
const PAST_DUE_MS = 1000;

/** The running timer triggers of the devhost. */
export interface TimerRunner {
  /** The next occurrence of each timer function, by function name. */
  nextRuns(): Record<string, Date | null>;
  /** Stops every schedule and waits for runs in flight. */
  stop(): Promise<void>;
}

/**
 * Schedules `tick` on an NCRONTAB expression read the way the Azure host reads it: six fields with
 * seconds, in UTC, a day matching both day-of-month and day-of-week when both are restricted. A tick
 * never overlaps the previous one.
 * @throws when the expression is not a valid six-field schedule.
 */
export function scheduleNcrontab(schedule: string, name: string, tick: () => Promise<void>): Cron {
  try {
    return new Cron(schedule, { mode: '6-part', timezone: 'UTC', domAndDow: true, protect: true }, tick);
  } catch (error) {
    throw new Error(`Timer function "${name}" has an invalid NCRONTAB schedule "${schedule}"`, { cause: error });
  }
}

/** The Timer object a handler receives, shaped like the host's. */
export function timerInfo(occurrence: Date, next: Date | null, now: Date): Timer {
  return {
    isPastDue: now.getTime() - occurrence.getTime() > PAST_DUE_MS,
    schedule: { adjustForDST: false },
    scheduleStatus: {
      last: occurrence.toISOString(),
      next: next?.toISOString() ?? '',
      lastUpdated: now.toISOString(),
    },
  };
}

function scheduleOne(registration: TimerRegistration, options: InvocationOptions, inFlight: Set<Promise<void>>) {
  const run = (occurrence: Date, next: Date | null) => {
    const now = new Date();
    const { context, logger } = createInvocationContext(registration, options);
    const pending = Promise.resolve()
      .then(() => invokeWithHooks(registration.handler, [timerInfo(occurrence, next, now)], context))
      .then(() => logger.debug('timer function completed', { ms: Date.now() - now.getTime() }))
      .catch((error: unknown) => logger.error('timer function failed', errorFields(toError(error))))
      .finally(() => inFlight.delete(pending));
    inFlight.add(pending);
    return pending;
  };

  let due: Date | null = null;
  const job = scheduleNcrontab(registration.schedule, registration.name, () => {
    const occurrence = due ?? new Date();
    due = job.nextRun();
    return run(occurrence, due);
  });
  due = job.nextRun();
  if (registration.runOnStartup) void run(new Date(), due);
  return { job, name: registration.name };
}

/**
 * Runs every timerTrigger registration on its NCRONTAB schedule, passing a Timer like the host's.
 * A run never overlaps the previous run of the same function; failures are logged, never thrown.
 * @throws at start when a schedule is invalid.
 */
export function startTimers(timers: readonly TimerRegistration[], options: InvocationOptions): TimerRunner {
  const inFlight = new Set<Promise<void>>();
  const jobs: ReturnType<typeof scheduleOne>[] = [];
  try {
    for (const timer of timers) jobs.push(scheduleOne(timer, options, inFlight));
  } catch (error) {
    jobs.forEach((j) => j.job.stop());
    throw error;
  }

  return {
    nextRuns: () => Object.fromEntries(jobs.map((j) => [j.name, j.job.nextRun()])),
    stop: async () => {
      jobs.forEach((j) => j.job.stop());
      await Promise.allSettled([...inFlight]);
    },
  };
}
