/** Turns any thrown value into an Error, once, at the edge. */
export function toError(value: unknown): Error {
  if (value instanceof Error) return value;
  return new Error(typeof value === 'string' ? value : 'Non-error value thrown');
}

/**
 * Fields about an error that are safe for telemetry: its class and, for system errors, its message.
 * The stack goes only to the local log, never into a response.
 */
export function errorFields(error: Error): Record<string, string> {
  return { errorName: error.name, errorMessage: error.message, errorStack: error.stack ?? '' };
}
