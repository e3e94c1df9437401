import type { BaseRegistration } from '../registrations';

/** Path prefix of the Durable Functions HTTP API on the devhost, as on the Azure host. */
export const DURABLE_API_PREFIX = '/runtime/webhooks/durabletask';

/** Placeholder of the instance id in management URLs. */
const INSTANCE = 'INSTANCEID';

/** What a durableClient input binding receives: the task hub and the URLs of the HTTP API. */
export interface DurableClientData {
  taskHubName: string;
  creationUrls: Record<string, string>;
  managementUrls: Record<string, string>;
  baseUrl: string;
  requiredQueryStringParameters: string;
  rpcBaseUrl: string;
}

/**
 * The durableClient binding data pointing at the devhost's own HTTP API on `origin`
 * ('http://127.0.0.1:7071'): `df.getClient(context)` then starts, queries and signals instances there.
 */
export function durableClientData(origin: string, taskHub: string): DurableClientData {
  const base = `${origin}${DURABLE_API_PREFIX}`;
  const query = `taskHub=${encodeURIComponent(taskHub)}&connection=Storage`;
  const instance = `${base}/instances/${INSTANCE}`;
  return {
    taskHubName: taskHub,
    creationUrls: {
      createNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?${query}`,
      createAndWaitOnNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${query}`,
    },
    managementUrls: {
      id: INSTANCE,
      statusQueryGetUri: `${instance}?${query}`,
      sendEventPostUri: `${instance}/raiseEvent/{eventName}?${query}`,
      terminatePostUri: `${instance}/terminate?reason={text}&${query}`,
      rewindPostUri: `${instance}/rewind?reason={text}&${query}`,
      purgeHistoryDeleteUri: `${instance}?${query}`,
      restartPostUri: `${instance}/restart?${query}`,
      suspendPostUri: `${instance}/suspend?reason={text}&${query}`,
      resumePostUri: `${instance}/resume?reason={text}&${query}`,
    },
    baseUrl: base,
    requiredQueryStringParameters: query,
    rpcBaseUrl: `${base}/`,
  };
}

/** Extra inputs for the dispatcher and timers: every durableClient binding gets `data`. */
export function durableClientInputs(data: DurableClientData) {
  return (registration: BaseRegistration): Record<string, unknown> =>
    Object.fromEntries(
      registration.options.extraInputs
        .filter((input) => input.type === 'durableClient' || input.type === 'orchestrationClient')
        .map((input) => [input.name, data]),
    );
}
