import path from 'node:path';
import { loadModules } from '../../../../devhost/loadApp';
import { EventType } from '../../../../devhost/durable/history';
import type { RuntimeStatus } from '../../../../devhost/durable/instance';
import { createOrchestrationRunner, historyTypes, RunnerError } from '../../../../devhost/durable/runner';
import { createLogger } from '../../../../shared/telemetry/logger';
import { drift, FixtureActivities, FixtureOrchestrations, flaky } from '../../../support/fixtures/orchestrations';

const app = loadModules([path.join(__dirname, '../../../support/fixtures/orchestrations.ts')]);
const log = createLogger(() => undefined);
const shortTimers = { maximumShortTimerDuration: '00:00:00.400', longRunningTimerIntervalDuration: '00:00:00.150' };
const runner = createOrchestrationRunner(app, { logLevel: 'silent', log, limits: shortTimers });

afterAll(() => runner.stop());

async function settled(instanceId: string, wanted: RuntimeStatus[] = ['Completed', 'Failed', 'Terminated']) {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    await runner.idle();
    const instance = runner.get(instanceId);
    if (instance && wanted.includes(instance.status)) return instance;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`instance ${instanceId} is ${runner.get(instanceId)?.status ?? 'gone'}, not ${wanted.join('/')}`);
}

function count(types: number[], type: number): number {
  return types.filter((t) => t === type).length;
}

describe('the orchestration runner', () => {
  it('runs activities in sequence and completes with their results', async () => {
    const { instanceId } = runner.start(FixtureOrchestrations.sequence, null);

    const done = await settled(instanceId);

    expect(done.status).toBe('Completed');
    expect(done.output).toEqual(['Hello Tokyo', 'Hello [object Object]']);
    const types = historyTypes(done.history);
    expect(count(types, EventType.TaskScheduled)).toBe(2);
    expect(count(types, EventType.TaskCompleted)).toBe(2);
    expect(types.at(-2)).toBe(EventType.ExecutionCompleted);
  });

  it('fans out activities with Task.all and collects their results in order', async () => {
    const { instanceId } = runner.start(FixtureOrchestrations.fanOut, ['Oslo', 'Lima', 'Pune']);

    const done = await settled(instanceId);

    expect(done).toMatchObject({ status: 'Completed', output: ['Hello Oslo', 'Hello Lima', 'Hello Pune'] });
    expect(done.history.filter((e) => e.EventType === EventType.TaskScheduled).map((e) => e.EventId)).toEqual([
      0, 1, 2,
    ]);
  });

  it('delivers a raised event to the orchestration waiting for it', async () => {
    const { instanceId } = runner.start(FixtureOrchestrations.approval, { timeoutMs: 60_000 });
    await settled(instanceId, ['Running']);

    runner.raiseEvent(instanceId, 'approval', 'approved by bob');

    expect(await settled(instanceId)).toMatchObject({ status: 'Completed', output: { decision: 'approved by bob' } });
  });

  it('waits out a timer longer than the short-timer limit as a loop of sub-timers', async () => {
    const started = Date.now();
    const { instanceId } = runner.start(FixtureOrchestrations.approval, { timeoutMs: 700 });

    const done = await settled(instanceId);

    expect(done).toMatchObject({ status: 'Completed', output: { decision: 'expired' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    expect(count(historyTypes(done.history), EventType.TimerCreated)).toBeGreaterThanOrEqual(3);
  });

  it('retries an activity with retry options until it succeeds', async () => {
    flaky.failuresLeft = 2;
    flaky.calls = 0;
    const { instanceId } = runner.start(FixtureOrchestrations.retry, null);

    const done = await settled(instanceId);

    expect(done).toMatchObject({ status: 'Completed', output: 'finally' });
    expect(flaky.calls).toBe(3);
  });

  it('fails the orchestration when every retry attempt fails', async () => {
    flaky.failuresLeft = 10;
    flaky.calls = 0;
    const { instanceId } = runner.start(FixtureOrchestrations.retry, null);

    const done = await settled(instanceId);

    expect(done.status).toBe('Failed');
    expect(String(done.output)).toContain('not yet');
    expect(flaky.calls).toBe(3);
  });

  it('lets an orchestration catch a failed activity', async () => {
    const { instanceId } = runner.start(FixtureOrchestrations.failing, null);

    expect(await settled(instanceId)).toMatchObject({
      status: 'Completed',
      output: `caught: Activity function '${FixtureActivities.fail}' failed: activity exploded `,
    });
  });

  it('fails an orchestration whose replay schedules another activity than its history holds', async () => {
    drift.activity = FixtureActivities.greet;
    const { instanceId } = runner.start(FixtureOrchestrations.drifting, null);
    await settled(instanceId, ['Running']);

    drift.activity = FixtureActivities.flaky;
    runner.raiseEvent(instanceId, 'go', null);
    const done = await settled(instanceId);

    expect(done.status).toBe('Failed');
    expect(done.output).toBe(
      `Non-deterministic orchestration detected: action 0 was CallActivity '${FixtureActivities.greet}' in the history, now CallActivity '${FixtureActivities.flaky}'`,
    );
    drift.activity = FixtureActivities.greet;
  });

  it('starts a fresh execution on continue-as-new, keeping the instance id', async () => {
    const { instanceId } = runner.start(FixtureOrchestrations.counter, 0, 'counter-1');

    const done = await settled(instanceId);

    expect(done).toMatchObject({ status: 'Completed', output: 3, customStatus: { count: 3 } });
    expect(done.history.filter((e) => e.EventType === EventType.ExecutionStarted)).toEqual([
      expect.objectContaining({ Input: '3' }),
    ]);
  });

  it('terminates a running instance and refuses events afterwards', async () => {
    const { instanceId } = runner.start(FixtureOrchestrations.approval, { timeoutMs: 60_000 });
    await settled(instanceId, ['Running']);

    runner.terminate(instanceId, 'no longer needed');

    expect(runner.get(instanceId)).toMatchObject({ status: 'Terminated', output: 'no longer needed' });
    expect(() => runner.raiseEvent(instanceId, 'approval', 'late')).toThrow(RunnerError);
  });

  it('holds events while suspended and delivers them on resume', async () => {
    const { instanceId } = runner.start(FixtureOrchestrations.approval, { timeoutMs: 60_000 });
    await settled(instanceId, ['Running']);

    runner.suspend(instanceId, 'pause');
    runner.raiseEvent(instanceId, 'approval', 'held');
    await runner.idle();
    expect(runner.get(instanceId)?.status).toBe('Suspended');

    runner.resume(instanceId, 'go on');
    expect(await settled(instanceId)).toMatchObject({ status: 'Completed', output: { decision: 'held' } });
  });

  it('refuses an unknown orchestrator, a running instance id and an unknown instance', async () => {
    expect(() => runner.start('noSuchOrchestrator', null)).toThrow(/No orchestrator function/);
    const { instanceId } = runner.start(FixtureOrchestrations.approval, { timeoutMs: 60_000 }, 'taken');
    expect(() => runner.start(FixtureOrchestrations.approval, null, instanceId)).toThrow(/is (pending|running)/);
    expect(() => runner.raiseEvent('nobody', 'x', null)).toThrow(/No instance/);
    runner.terminate(instanceId, 'cleanup');
  });
});
