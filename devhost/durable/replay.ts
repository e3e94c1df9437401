import { invokeWithHooks } from '../hooks';
import { createInvocationContext, type InvocationOptions } from '../invocationContext';
import type { BaseRegistration } from '../registrations';
import type { EngineAction } from './actions';
import { EventType, type HistoryEvent } from './history';

/** Replay schema V3: actions accumulate over the execution, long timers split into sub-timers. */
export const REPLAY_SCHEMA_V3 = 2;

/** Timer limits the engine needs with schema V3, as .NET TimeSpan strings ('6.00:00:00'). */
export interface TimerLimits {
  maximumShortTimerDuration: string;
  longRunningTimerIntervalDuration: string;
}

/** The defaults of the Azure Storage provider: timers beyond 6 days wait in 3-day steps. */
export const AZURE_TIMER_LIMITS: TimerLimits = {
  maximumShortTimerDuration: '6.00:00:00',
  longRunningTimerIntervalDuration: '3.00:00:00',
};

/** What the orchestration trigger receives, as the Durable Functions extension sends it. */
export interface OrchestrationTrigger extends TimerLimits {
  history: HistoryEvent[];
  instanceId: string;
  isReplaying: boolean;
  parentInstanceId: string;
  input: unknown;
  upperSchemaVersion: number;
  defaultHttpAsyncRequestSleepTimeMillseconds: number;
}

/** The outcome of one episode: the engine's OrchestratorState, or the failure it reported. */
export interface Episode {
  done: boolean;
  output: unknown;
  customStatus: unknown;
  actions: EngineAction[][];
  /** Set when the orchestrator threw: its error message. */
  error?: string;
}

interface OrchestratorState {
  isDone: boolean;
  actions: EngineAction[][];
  output: unknown;
  customStatus?: unknown;
  error?: string;
}

const OUT_OF_PROC_DATA = '$OutOfProcData$:';

function failedEpisode(error: unknown): Episode {
  const message = error instanceof Error ? error.message : String(error);
  const at = message.indexOf(OUT_OF_PROC_DATA);
  if (at < 0) return { done: false, output: null, customStatus: null, actions: [], error: message };
  const state = JSON.parse(message.slice(at + OUT_OF_PROC_DATA.length)) as OrchestratorState;
  return {
    done: false,
    output: null,
    customStatus: state.customStatus ?? null,
    actions: [],
    error: state.error ?? message,
  };
}

/** The trigger for one episode over `history` (copied: the engine turns timestamps into Dates in place). */
export function orchestrationTrigger(
  instanceId: string,
  input: unknown,
  history: readonly HistoryEvent[],
  limits: TimerLimits,
): OrchestrationTrigger {
  return {
    history: structuredClone(history) as HistoryEvent[],
    instanceId,
    isReplaying: history.some((e, i) => i > 0 && e.EventType === EventType.OrchestratorStarted),
    parentInstanceId: '',
    input,
    upperSchemaVersion: REPLAY_SCHEMA_V3,
    defaultHttpAsyncRequestSleepTimeMillseconds: 30_000,
    ...limits,
  };
}

/**
 * Runs one episode of an orchestration: its real handler (the durable-functions replay engine) replays
 * `trigger.history` and reports every action since the start of the execution, its output when done,
 * or the error the orchestrator threw. Never throws.
 */
export async function replayEpisode(
  registration: BaseRegistration,
  trigger: OrchestrationTrigger,
  options: InvocationOptions,
): Promise<Episode> {
  const { context } = createInvocationContext(registration, options);
  try {
    const state = (await invokeWithHooks(registration.handler, [trigger], context)) as OrchestratorState;
    return {
      done: state.isDone,
      output: state.output,
      customStatus: state.customStatus ?? null,
      actions: state.actions,
    };
  } catch (error) {
    return failedEpisode(error);
  }
}
