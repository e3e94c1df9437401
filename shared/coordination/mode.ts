import type { Config } from '../config/schema';
import { ConfigError } from '../config/load';
import type { Logger } from '../telemetry/logger';

/** Where coordination state lives: a shared Redis, or this process only (one instance). */
export type CoordinationMode = 'redis' | 'in-process';

/**
 * The coordination mode `config` asks for.
 * @throws ConfigError when SIGNOFF_ENV is production and REDIS_URL is unset: several instances with
 * in-process limits and locks would each enforce their own, so production refuses to start.
 */
export function coordinationMode(config: Readonly<Config>): CoordinationMode {
  if (config.redisUrl !== undefined) return 'redis';
  if (config.signoffEnv === 'production') {
    throw new ConfigError(['REDIS_URL: is required when SIGNOFF_ENV is production (rate limits and locks)']);
  }
  return 'in-process';
}

/**
 * Checks the coordination config at startup and says which mode is in use; in-process mode is logged
 * as a warning because it is only correct for a single instance.
 * @throws ConfigError as coordinationMode does.
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
