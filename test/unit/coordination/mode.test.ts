import { ConfigError, loadConfig } from '../../../shared/config/load';
import { announceCoordinationMode, coordinationMode } from '../../../shared/coordination/mode';
import { createLogger, type LogFields } from '../../../shared/telemetry/logger';

function configWith(env: Record<string, string | undefined>) {
  return loadConfig({ ...process.env, REDIS_URL: undefined, ...env });
}

function capture() {
  const lines: { level: string; message: string; fields: LogFields }[] = [];
  const log = createLogger((level, message, fields) => lines.push({ level, message, fields }), 'debug');
  return { lines, log };
}

describe('coordinationMode', () => {
  it('uses Redis when REDIS_URL is set', () => {
    expect(coordinationMode(configWith({ REDIS_URL: 'redis://127.0.0.1:6379' }))).toBe('redis');
  });

  it('falls back to in-process coordination outside production without REDIS_URL', () => {
    expect(coordinationMode(configWith({ SIGNOFF_ENV: 'development' }))).toBe('in-process');
  });

  it('refuses production without REDIS_URL with a config error naming the variable', () => {
    expect(() => configWith({ SIGNOFF_ENV: 'production' })).toThrow(ConfigError);
    expect(() => configWith({ SIGNOFF_ENV: 'production' })).toThrow(/REDIS_URL/);
  });
});

describe('announceCoordinationMode', () => {
  it('warns at startup that in-process coordination holds for a single instance only', () => {
    const { lines, log } = capture();

    announceCoordinationMode(configWith({ SIGNOFF_ENV: 'development' }), log);

    expect(lines).toEqual([
      expect.objectContaining({ level: 'warn', message: expect.stringMatching(/single instance/) }),
    ]);
  });

  it('says at info level that Redis is used when it is configured', () => {
    const { lines, log } = capture();

    announceCoordinationMode(configWith({ REDIS_URL: 'redis://127.0.0.1:6379' }), log);

    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', fields: expect.objectContaining({ mode: 'redis' }) }),
    ]);
  });
});
