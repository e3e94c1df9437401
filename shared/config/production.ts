import { ConfigSchema, type Config } from './schema';

const DEFAULT_CURSOR_SECRET = ConfigSchema.properties.cursorSecret.default as string;

/**
 * What production needs beyond the schema: shared Redis (several instances), an explicit database and a
 * cursor secret of its own. Returns every problem, as `NAME: message` lines; none outside production.
 */
export function productionProblems(config: Config): string[] {
  if (config.signoffEnv !== 'production') return [];
  const problems: string[] = [];
  if (config.redisUrl === undefined) {
    problems.push('REDIS_URL: is required when SIGNOFF_ENV is production (rate limits and locks)');
  }
  if (config.databaseUrl === undefined) problems.push('DATABASE_URL: is required when SIGNOFF_ENV is production');
  if (config.cursorSecret === DEFAULT_CURSOR_SECRET) {
    problems.push('CURSOR_SECRET: must be set to a secret of its own when SIGNOFF_ENV is production');
  }
  return problems;
}
