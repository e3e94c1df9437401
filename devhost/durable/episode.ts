import { ActionType, actionSignature, activityInput, flattenActions, type EngineAction } from './actions';
import { startDelivery } from './deliveries';
import { events } from './history';
import type { Instance, Work } from './instance';
import type { Episode } from './replay';
import { scheduleAction, type TimerLimitsMs } from './schedule';

/** What applying an episode needs from the runner. */
export interface EpisodeHost {
  limits: TimerLimitsMs;
  /** Records TimerCreated / TaskScheduled for `work`, arms its timers and starts its activities. */
  startWork(instance: Instance, work: Work, at: Date): void;
  /** Ends the instance: timers cancelled, inbox emptied, status and output set. */
  finish(instance: Instance, status: 'Completed' | 'Failed', output: unknown, at: Date): void;
  clearTimers(instance: Instance): void;
  continued(instance: Instance): void;
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

function fail(host: EpisodeHost, instance: Instance, reason: string, at: Date): void {
  instance.history.push(events.executionCompleted(at, JSON.stringify(reason), 'Failed'));
  host.finish(instance, 'Failed', reason, at);
}

function scheduleNew(host: EpisodeHost, instance: Instance, actions: EngineAction[], at: Date): Work {
  const work: Work = { timers: [], activities: [] };
  for (let index = instance.signatures.length; index < actions.length; index++) {
    const action = actions[index]!;
    scheduleAction(instance, action, index, at, work, host.limits);
    instance.signatures.push(actionSignature(action));
  }
  return work;
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

function continueAsNew(host: EpisodeHost, instance: Instance, action: EngineAction): void {
  host.clearTimers(instance);
  const carried = instance.inbox.filter((d) => d.kind === 'event');
  instance.input = activityInput(action);
  instance.history = [];
  instance.signatures = [];
  instance.nextId = 0;
  instance.execution++;
  instance.retries = new Map();
  instance.inbox = [startDelivery(instance), ...carried];
  host.continued(instance);
}

/**
 * Applies what an episode reported: a failure fails the instance; actions that differ from those
 * scheduled before fail it as non-deterministic; new actions are scheduled (with the work deliveries
 * produced); a finished orchestration completes or continues as new.
 * @throws UnsupportedActionError for an action the devhost cannot run.
 */
export function applyEpisode(host: EpisodeHost, instance: Instance, episode: Episode, at: Date, pending: Work): void {
  if (episode.error !== undefined) return fail(host, instance, episode.error, at);
  const actions = flattenActions(episode.actions);
  const mismatch = firstMismatch(instance.signatures, actions);
  if (mismatch) {
    const detail = `action ${mismatch.index} was ${mismatch.expected} in the history, now ${mismatch.actual}`;
    return fail(host, instance, `Non-deterministic orchestration detected: ${detail}`, at);
  }

  const work = scheduleNew(host, instance, actions, at);
  host.startWork(
    instance,
    { timers: [...pending.timers, ...work.timers], activities: [...pending.activities, ...work.activities] },
    at,
  );
  cancelTimers(instance, actions);
  instance.customStatus = episode.customStatus ?? null;
  if (!episode.done) return;

  const next = actions.find((a) => a.actionType === ActionType.ContinueAsNew);
  if (next) return continueAsNew(host, instance, next);
  instance.history.push(events.executionCompleted(at, JSON.stringify(episode.output ?? null), 'Completed'));
  host.finish(instance, 'Completed', episode.output, at);
}
