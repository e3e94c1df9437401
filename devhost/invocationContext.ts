import { randomUUID } from 'node:crypto';
import { format } from 'node:util';
import { InvocationContext, type LogLevel as AzureLogLevel } from '@azure/functions';
import { consoleSink, createLogger, type LogFields, type LogLevel, type Logger } from '../shared/telemetry/logger';
import type { BaseRegistration } from './registrations';

const levels: Record<AzureLogLevel, LogLevel | undefined> = {
  trace: 'debug',
  debug: 'debug',
  information: 'info',
  warning: 'warn',
  error: 'error',
  critical: 'error',
  none: undefined,
};

function isFields(value: unknown): value is LogFields {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Error);
}

/** A logHandler writing one JSON line per call: a fixed message plus fields, as the pipeline logs. */
export function jsonLogHandler(logger: Logger): (level: AzureLogLevel, ...args: unknown[]) => void {
  return (level, ...args) => {
    const target = levels[level];
    if (!target) return;
    const [first, second, ...rest] = args;
    if (typeof first === 'string' && isFields(second) && rest.length === 0) logger[target](first, second);
    else logger[target](format(...args));
  };
}

/** How invocations of the devhost log and which extra inputs they receive. */
export interface InvocationOptions {
  /** Lowest level written to the console. */
  logLevel: LogLevel | 'silent';
  /** Values of a registration's extra input bindings by binding name (the durable client, ...). */
  extraInputs?: (registration: BaseRegistration) => Record<string, unknown>;
}

/**
 * A real InvocationContext for one invocation of `registration`: a fresh invocation id, the function's
 * options (so `df.getClient(context)` finds its durableClient binding), its extra inputs, and a log
 * handler writing JSON lines to the console.
 */
export function createInvocationContext(registration: BaseRegistration, options: InvocationOptions) {
  const invocationId = randomUUID();
  const logger = createLogger(consoleSink, options.logLevel, { invocationId, functionName: registration.name });
  const context = new InvocationContext({
    invocationId,
    functionName: registration.name,
    logHandler: jsonLogHandler(logger),
    options: registration.options,
  });
  for (const [name, value] of Object.entries(options.extraInputs?.(registration) ?? {})) {
    context.extraInputs.set(name, value);
  }
  return { context, logger };
}
