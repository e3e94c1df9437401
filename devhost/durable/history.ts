/** History event type numbers of the Durable Task Framework, as the replay engine reads them. */
export const EventType = {
  ExecutionStarted: 0,
  ExecutionCompleted: 1,
  ExecutionTerminated: 3,
  TaskScheduled: 4,
  TaskCompleted: 5,
  TaskFailed: 6,
  TimerCreated: 10,
  TimerFired: 11,
  OrchestratorStarted: 12,
  OrchestratorCompleted: 13,
  EventRaised: 15,
  ExecutionSuspended: 19,
  ExecutionResumed: 20,
} as const;

/** One history event as the host sends it to the engine: PascalCase fields, ISO timestamps. */
export interface HistoryEvent {
  EventType: number;
  EventId: number;
  IsPlayed: boolean;
  Timestamp: string;
  [field: string]: unknown;
}

function event(type: number, at: Date, fields: Record<string, unknown> = {}, eventId = -1): HistoryEvent {
  return { EventType: type, EventId: eventId, IsPlayed: false, Timestamp: at.toISOString(), ...fields };
}

/** Builders of the history events the devhost records. Inputs and results are JSON text, as on the wire. */
export const events = {
  executionStarted: (at: Date, name: string, input: string | null) =>
    event(EventType.ExecutionStarted, at, { Name: name, Input: input, Version: '' }),
  executionCompleted: (at: Date, result: string | null, status: 'Completed' | 'Failed') =>
    event(EventType.ExecutionCompleted, at, { Result: result, OrchestrationStatus: status }),
  executionTerminated: (at: Date, reason: string) => event(EventType.ExecutionTerminated, at, { Input: reason }),
  orchestratorStarted: (at: Date) => event(EventType.OrchestratorStarted, at),
  orchestratorCompleted: (at: Date) => event(EventType.OrchestratorCompleted, at),
  taskScheduled: (at: Date, id: number, name: string, input: string | null) =>
    event(EventType.TaskScheduled, at, { Name: name, Input: input }, id),
  taskCompleted: (at: Date, id: number, result: string) =>
    event(EventType.TaskCompleted, at, { TaskScheduledId: id, Result: result }),
  taskFailed: (at: Date, id: number, reason: string, details: string) =>
    event(EventType.TaskFailed, at, { TaskScheduledId: id, Reason: reason, Details: details }),
  timerCreated: (at: Date, id: number, fireAt: Date) =>
    event(EventType.TimerCreated, at, { FireAt: fireAt.toISOString() }, id),
  timerFired: (at: Date, id: number, fireAt: Date) =>
    event(EventType.TimerFired, at, { TimerId: id, FireAt: fireAt.toISOString() }),
  eventRaised: (at: Date, name: string, input: string | null) =>
    event(EventType.EventRaised, at, { Name: name, Input: input }),
};
