import path from 'node:path';
import { loadModules } from '../../../devhost/loadApp';
import { startTimers, scheduleNcrontab, timerInfo } from '../../../devhost/timers';
import type { TimerRegistration } from '../../../devhost/registrations';
import { everySecondRuns, failingRuns } from '../../support/fixtures/timerFunctions';

const fixture = path.join(__dirname, '../../support/fixtures/timerFunctions.ts');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('startTimers', () => {
  it('runs a timer function every second with an Azure-shaped Timer until stopped', async () => {
    const { timers } = loadModules([fixture]);
    const runner = startTimers(timers, { logLevel: 'silent' });

    await sleep(2600);
    await runner.stop();
    const runs = everySecondRuns.length;
    await sleep(1200);

    expect(runs).toBeGreaterThanOrEqual(2);
    expect(everySecondRuns.length).toBe(runs);
    const first = everySecondRuns[0]!;
    expect(first.functionName).toBe('fixtureEverySecond');
    expect(first.timer).toEqual({
      isPastDue: false,
      schedule: { adjustForDST: false },
      scheduleStatus: { last: expect.any(String), next: expect.any(String), lastUpdated: expect.any(String) },
    });
    const { last, next } = first.timer.scheduleStatus;
    expect(Date.parse(next) - Date.parse(last)).toBe(1000);
    expect(failingRuns.count).toBeGreaterThanOrEqual(2);
  });

  it('refuses a schedule that is not six-field NCRONTAB at start', () => {
    const registration = { name: 'bad', schedule: '*/5 * * * *' } as TimerRegistration;

    expect(() => startTimers([registration], { logLevel: 'silent' })).toThrow(/invalid NCRONTAB schedule/);
  });
});

function nextRunOf(schedule: string, from: string): string | undefined {
  const job = scheduleNcrontab(schedule, 'x', async () => undefined);
  try {
    return job.nextRun(new Date(from))?.toISOString();
  } finally {
    job.stop();
  }
}

describe('NCRONTAB schedules', () => {
  it('reads the first field as seconds and the schedule in UTC', () => {
    expect(nextRunOf('30 15 9 * * *', '2026-03-01T00:00:00Z')).toBe('2026-03-01T09:15:30.000Z');
  });

  it('requires both day-of-month and day-of-week when both are given, as NCRONTAB does', () => {
    expect(nextRunOf('0 0 0 13 * 5', '2026-01-01T00:00:00Z')).toBe('2026-02-13T00:00:00.000Z');
  });

  it('marks a run past due when it starts more than a second after its occurrence', () => {
    const occurrence = new Date('2026-01-01T00:00:00Z');
    expect(timerInfo(occurrence, null, new Date('2026-01-01T00:00:00.500Z')).isPastDue).toBe(false);
    expect(timerInfo(occurrence, null, new Date('2026-01-01T00:00:05Z')).isPastDue).toBe(true);
  });
});
