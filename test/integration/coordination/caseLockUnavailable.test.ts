import { resetConfig } from '../../../shared/config/load';
import { shutdown } from '../../../shared/config/lifecycle';
import { withCaseLock } from '../../../shared/coordination/caseLock';
import { createLogger, type LogFields } from '../../../shared/telemetry/logger';

beforeAll(() => {
  process.env['REDIS_URL'] = 'redis://127.0.0.1:1';
  resetConfig();
});

afterAll(async () => {
  await shutdown();
  process.env['REDIS_URL'] = 'redis://127.0.0.1:6379';
  resetConfig();
});

describe('withCaseLock with Redis unreachable', () => {
  it('runs the work at once without the lock and logs a warning, since the version check keeps it correct', async () => {
    const lines: { level: string; fields: LogFields }[] = [];
    const log = createLogger((level, _message, fields) => lines.push({ level, fields }), 'debug');

    const started = Date.now();
    const result = await withCaseLock('8f1c3c1e-7d7a-4a8e-9d55-1b2f3c4d5e6f', async () => 42, { log });

    expect(result).toBe(42);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(lines).toContainEqual(
      expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ use: 'case-lock' }) }),
    );
  });
});
