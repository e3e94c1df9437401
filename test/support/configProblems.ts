import { ConfigError, loadConfig } from '../../shared/config/load';

/** The problems loadConfig lists for `env` (empty when it loads); errors other than ConfigError propagate. */
export function configProblems(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
