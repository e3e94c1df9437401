/** Action type numbers of the durable-functions engine (the `actionType` of each action). */
export const ActionType = {
  CallActivity: 0,
  CallActivityWithRetry: 1,
  CallSubOrchestrator: 2,
  CallSubOrchestratorWithRetry: 3,
  ContinueAsNew: 4,
  CreateTimer: 5,
  WaitForExternalEvent: 6,
  CallEntity: 7,
  CallHttp: 8,
  SignalEntity: 9,
  WhenAny: 11,
  WhenAll: 12,
  LockEntities: 13,
  ReleaseEntities: 14,
} as const;

/** Retry options of CallActivityWithRetry, as the engine records them. */
export interface RetryOptions {
  firstRetryIntervalInMilliseconds: number;
  maxNumberOfAttempts: number;
  backoffCoefficient?: number;
  maxRetryIntervalInMilliseconds?: number;
}

/** An action as the engine returns it in OrchestratorState.actions. */
export interface EngineAction {
  actionType: number;
  functionName?: string;
  input?: unknown;
  fireAt?: Date | string;
  isCanceled?: boolean;
  externalEventName?: string;
  retryOptions?: RetryOptions;
  compoundActions?: EngineAction[];
}

const NAMES = Object.fromEntries(Object.entries(ActionType).map(([name, value]) => [value, name])) as Record<
  number,
  string
>;

/** The name of an action type ('CallActivity', ...), or its number when unknown. */
export function actionTypeName(type: number): string {
  return NAMES[type] ?? String(type);
}

/**
 * Every scheduling action of an OrchestratorState in scheduling order: compound WhenAll/WhenAny actions
 * are replaced by the actions inside them, and an action appearing twice (a task scheduled on its own,
 * then awaited again inside Task.any) counts once, as the engine schedules each task once.
 */
export function flattenActions(actions: readonly (readonly EngineAction[])[]): EngineAction[] {
  const seen = new Set<EngineAction>();
  const flat: EngineAction[] = [];
  const visit = (action: EngineAction) => {
    if (action.actionType === ActionType.WhenAll || action.actionType === ActionType.WhenAny) {
      (action.compoundActions ?? []).forEach(visit);
    } else if (!seen.has(action)) {
      seen.add(action);
      flat.push(action);
    }
  };
  actions.forEach((group) => group.forEach(visit));
  return flat;
}

/** The fire time of a CreateTimer action. */
export function fireAtOf(action: EngineAction): Date {
  return action.fireAt instanceof Date ? action.fireAt : new Date(String(action.fireAt));
}

/**
 * What must be the same when an orchestration replays: the action type and its target (activity name,
 * event name, timer fire time). Inputs may differ, as the Durable Task Framework lets them.
 */
export function actionSignature(action: EngineAction): string {
  switch (action.actionType) {
    case ActionType.CallActivity:
    case ActionType.CallActivityWithRetry:
      return `${actionTypeName(action.actionType)} '${action.functionName ?? ''}'`;
    case ActionType.CreateTimer:
      return `CreateTimer at ${fireAtOf(action).toISOString()}`;
    case ActionType.WaitForExternalEvent:
      return `WaitForExternalEvent '${action.externalEventName ?? ''}'`;
    default:
      return actionTypeName(action.actionType);
  }
}

/** The activity input as its trigger receives it: the engine JSON-encodes string inputs only. */
export function activityInput(action: EngineAction): unknown {
  return typeof action.input === 'string' ? (JSON.parse(action.input) as unknown) : action.input;
}
