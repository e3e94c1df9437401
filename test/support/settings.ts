import { resetConfig } from '../../shared/config/load';

/** Sets (or, for undefined, removes) environment variables and drops the loaded configuration. */
export function useSettings(settings: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(settings)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetConfig();
}
