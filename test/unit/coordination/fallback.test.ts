import { reportRedisFallback } from '../../../shared/coordination/fallback';
import { createLogger } from '../../../shared/telemetry/logger';

describe('reportRedisFallback', () => {
  it('warns once per use and 30 seconds, and logs the repeats at debug', () => {
    const levels: string[] = [];
    const log = createLogger((level) => levels.push(level), 'debug');
    const error = new Error('connection refused');

    reportRedisFallback('tenant-slots', error, log, 100_000);
    reportRedisFallback('tenant-slots', error, log, 110_000);
    reportRedisFallback('case-lock', error, log, 110_000);
    reportRedisFallback('tenant-slots', error, log, 130_001);

    expect(levels).toEqual(['warn', 'debug', 'warn', 'warn']);
  });
});
