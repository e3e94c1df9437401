import type { LogLevel, Logger } from '../shared/telemetry/logger';
import { durableApi } from './durable/clientApi';
import { durableClientData, durableClientInputs } from './durable/clientData';
import type { InstanceStore } from './durable/persistence';
import { createOrchestrationRunner, type OrchestrationRunner } from './durable/runner';
import { createDispatcher, type Dispatch } from './dispatch';
import type { InvocationOptions } from './invocationContext';
import type { LoadedApp } from './registrations';
import type { DevServer } from './server';

/** The app served by a devhost server: its dispatcher, its orchestration runner, how it invokes. */
export interface ServedApp {
  dispatch: Dispatch;
  runner: OrchestrationRunner;
  /** Invocation options with the durable client bound to the server's own durable API. */
  invocation: InvocationOptions;
}

/** What serveApp needs besides the server and the app. */
export interface ServeOptions {
  routePrefix: string;
  taskHub: string;
  logLevel: LogLevel | 'silent';
  log: Logger;
  /** Durable concurrency limits (host.json durableTask); 10 each when absent. */
  concurrency?: { activities: number; orchestrators: number };
  /** Where orchestration instances survive a restart; in memory when absent. */
  store?: InstanceStore;
}

function durableOptions(options: ServeOptions) {
  return {
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    ...(options.store ? { store: options.store } : {}),
  };
}

/**
 * Serves `app` on `server`: the durable API on the server's own address (so `df.getClient(context)`
 * reaches it), an orchestration runner behind it, and the dispatcher for the HTTP functions, whose
 * durableClient inputs point at that API.
 */
export function serveApp(server: DevServer, app: LoadedApp, options: ServeOptions): ServedApp {
  const data = durableClientData(server.url, options.taskHub);
  const invocation: InvocationOptions = { logLevel: options.logLevel, extraInputs: durableClientInputs(data) };
  const runner = createOrchestrationRunner(app, { ...invocation, log: options.log, ...durableOptions(options) });
  server.mount(durableApi(runner, data));

  const dispatch = createDispatcher(app, { routePrefix: options.routePrefix, ...invocation });
  server.setDispatch(dispatch);
  return { dispatch, runner, invocation };
}
