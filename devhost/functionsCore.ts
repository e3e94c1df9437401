/**
 * Stand-in for the `@azure/functions-core` module that the Azure Functions worker injects at run time.
 * `@azure/functions` calls `setProgrammingModel`, `registerFunction(metadata, handler)` and `registerHook`
 * on it; this module records each call so the devhost can run the very same handlers.
 *
 * It is the module resolved for '@azure/functions-core' (jest moduleNameMapper, or the resolution hook of
 * installFunctionsCore.ts), so its exports follow the worker's names.
 */
import { consoleSink } from '../shared/telemetry/logger';

/** One binding of a function as the library describes it to the host. */
export interface CoreBinding {
  type: string;
  direction: 'in' | 'out';
  name?: string;
  [setting: string]: unknown;
}

/** The metadata `registerFunction` receives: the function name and its bindings keyed by binding name. */
export interface CoreFunctionMetadata {
  name: string;
  bindings: Record<string, CoreBinding>;
  retryOptions?: unknown;
}

/** A function handler as registered: trigger input first, the InvocationContext last. */
export type CoreHandler = (...args: unknown[]) => unknown;

/** A hook callback as registered; it receives the hook's core context. */
export type CoreHookCallback = (context: Record<string, unknown>) => unknown;

/** What `registerFunction` and `registerHook` return. */
export interface Disposable {
  dispose(): void;
}

/** One captured `registerFunction` call. */
export interface CapturedFunction {
  metadata: CoreFunctionMetadata;
  handler: CoreHandler;
}

/** One captured `registerHook` call. */
export interface CapturedHook {
  hookName: string;
  callback: CoreHookCallback;
}

const functions: CapturedFunction[] = [];
const hooks: CapturedHook[] = [];
let programmingModel: unknown;

function removal<T>(list: T[], item: T): Disposable {
  return {
    dispose: () => {
      const index = list.indexOf(item);
      if (index >= 0) list.splice(index, 1);
    },
  };
}

/** Called once by `@azure/functions` before its first registration. */
export function setProgrammingModel(model: unknown): void {
  programmingModel = model;
}

/** The programming model `@azure/functions` set, or undefined before the first registration. */
export function getProgrammingModel(): unknown {
  return programmingModel;
}

/** Records a function; the host would index it. Throws on a duplicate name, as the host refuses one. */
export function registerFunction(metadata: CoreFunctionMetadata, handler: CoreHandler): Disposable {
  if (functions.some((f) => f.metadata.name.toLowerCase() === metadata.name.toLowerCase())) {
    throw new Error(`A function named "${metadata.name}" is already registered`);
  }
  const captured = { metadata, handler };
  functions.push(captured);
  return removal(functions, captured);
}

/** Records a hook (appStart, appTerminate, preInvocation, postInvocation, log). */
export function registerHook(hookName: string, callback: CoreHookCallback): Disposable {
  const captured = { hookName, callback };
  hooks.push(captured);
  return removal(hooks, captured);
}

/** System log lines of the library; the worker forwards them to the host, the devhost writes warnings up. */
export function log(level: string, category: string, message: string): void {
  if (level === 'error') consoleSink('error', 'functions library message', { category, detail: message });
  else if (level === 'warning') consoleSink('warn', 'functions library message', { category, detail: message });
}

/** Every function registered so far, in registration order. */
export function capturedFunctions(): readonly CapturedFunction[] {
  return functions;
}

/** Every hook registered so far under `hookName`, in registration order. */
export function capturedHooks(hookName: string): CoreHookCallback[] {
  return hooks.filter((h) => h.hookName === hookName).map((h) => h.callback);
}
