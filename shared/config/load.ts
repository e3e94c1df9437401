import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { authProblems } from './authRules';
import { productionProblems } from './production';
import { ConfigSchema, type Config } from './schema';
import { envName, schemaProblems } from './schemaProblems';

export { envName } from './schemaProblems';

/** Thrown when the environment does not describe a valid configuration; lists every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

const ajv = new Ajv({ allErrors: true, useDefaults: true, coerceTypes: true, strict: true });
addFormats(ajv);
const validate = ajv.compile<Config>(ConfigSchema);

/**
 * Reads every property of ConfigSchema from `env`, applies defaults, validates and freezes the result.
 * Unknown SIGNOFF_* style keys are not read; empty strings count as unset.
 * @throws ConfigError listing all problems when the configuration is invalid.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(ConfigSchema.properties)) {
    const value = env[envName(key)];
    if (value !== undefined && value !== '') raw[key] = value;
  }

  if (!validate(raw)) throw new ConfigError(schemaProblems(validate.errors ?? []));
  const config = raw as unknown as Config;
  const rules = [...productionProblems(config), ...authProblems(config)];
  if (rules.length > 0) throw new ConfigError(rules);
  return Object.freeze(config);
}

let current: Readonly<Config> | undefined;

/** The process configuration, loaded from process.env on first use. @throws ConfigError */
export function getConfig(): Readonly<Config> {
  current ??= loadConfig();
  return current;
}

/** Forgets the loaded configuration so the next getConfig() re-reads process.env (tests, devhost start). */
export function resetConfig(): void {
  current = undefined;
}
