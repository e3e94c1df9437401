import type { Config } from '../config/schema';
import type { Logger } from '../telemetry/logger';

/** Where coordination state lives: a shared Redis, or this process only (one instance). */
export type CoordinationMode = 'redis' | 'in-process';

/**
 * The coordination mode `config` asks for. Production never gets 'in-process': loadConfig refuses a
 * production configuration without REDIS_URL (shared/config/production.ts).
 */
export function coordinationMode(config: Readonly<Config>): CoordinationMode {
  return config.redisUrl !== undefined ? 'redis' : 'in-process';
}

/**
 * Checks the coordination config at startup and says which mode is in use; in-process mode is logged
 * as a warning because it is only correct for a single instance.
 */
export function announceCoordinationMode(config: Readonly<Config>, log: Logger): CoordinationMode {
  const mode = coordinationMode(config);
  if (mode === 'in-process') {
    log.warn('coordination is in-process: rate limits, slots and locks hold for a single instance only', {
      mode,
    });
  } else {
    log.info('coordination uses redis', { mode, keyPrefix: config.redisKeyPrefix });
  }
  return mode;
}
