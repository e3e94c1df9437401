import { envName, loadConfig } from '../../../shared/config/load';
import { configProblems as problemsOf } from '../../support/configProblems';

const base = {
  AUTH_METADATA_URL: 'https://login.microsoftonline.com/t/v2.0/.well-known/openid-configuration',
  AUTH_AUDIENCE: 'api://signoff',
};

describe('loadConfig', () => {
  it('derives environment names from property names', () => {
    expect(envName('databaseUrl')).toBe('DATABASE_URL');
    expect(envName('authMaxTokenLifetimeSeconds')).toBe('AUTH_MAX_TOKEN_LIFETIME_SECONDS');
  });

  it('applies defaults, coerces numbers and freezes the result', () => {
    const config = loadConfig({ ...base, PORT: '8080' });
    expect(config.port).toBe(8080);
    expect(config.databaseSchema).toBe('public');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reports every problem at once, named by environment variable', () => {
    const problems = problemsOf({ PORT: 'seventy', LOG_LEVEL: 'loud' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('AUTH_METADATA_URL'),
        expect.stringContaining('AUTH_AUDIENCE'),
        expect.stringContaining('PORT'),
        expect.stringContaining('LOG_LEVEL'),
      ]),
    );
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ ...base, DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('refuses production without Redis, a database and a cursor secret of its own, all listed', () => {
    const problems = problemsOf({ ...base, SIGNOFF_ENV: 'production' });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/REDIS_URL[\s\S]*DATABASE_URL[\s\S]*CURSOR_SECRET/);
  });

  it('accepts a complete production configuration', () => {
    const config = loadConfig({
      ...base,
      SIGNOFF_ENV: 'production',
      REDIS_URL: 'rediss://cache:6380',
      DATABASE_URL: 'postgres://app@db/signoff',
      CURSOR_SECRET: 'a-production-secret-of-at-least-32-characters',
    });
    expect(config.signoffEnv).toBe('production');
  });
});

describe('loadConfig problems for settings with a fixed set of values', () => {
  it('an unknown SIGNOFF_ENV reads as one "must be one of" line instead of three "equal to constant" lines', () => {
    const problems = problemsOf({ ...base, SIGNOFF_ENV: 'bogus', LOG_LEVEL: 'loud' });

    expect(problems).toEqual([
      'SIGNOFF_ENV: must be one of: development, test, production',
      'LOG_LEVEL: must be one of: debug, info, warn, error, silent',
    ]);
  });

  it('never repeats the value it refused', () => {
    const problems = problemsOf({ ...base, CURSOR_SECRET: 'short-secret-value' });

    expect(problems.join('\n')).not.toContain('short-secret-value');
  });
});
