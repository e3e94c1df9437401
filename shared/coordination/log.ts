import { getConfig } from '../config/load';
import { consoleSink, createLogger, type Logger } from '../telemetry/logger';

let logger: Logger | undefined;

/**
 * The process-wide logger of the coordination layer (Redis connection events, fallbacks), for work that
 * happens outside any one request. Written to the console, which the Functions host forwards.
 */
export function coordinationLog(): Logger {
  logger ??= createLogger(consoleSink, getConfig().logLevel, { component: 'coordination' });
  return logger;
}
