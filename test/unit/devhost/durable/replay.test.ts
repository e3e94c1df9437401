import path from 'node:path';
import { loadModules } from '../../../../devhost/loadApp';
import { ActionType, flattenActions } from '../../../../devhost/durable/actions';
import { events, type HistoryEvent } from '../../../../devhost/durable/history';
import { AZURE_TIMER_LIMITS, orchestrationTrigger, replayEpisode } from '../../../../devhost/durable/replay';
import { FixtureActivities, FixtureOrchestrations } from '../../../support/fixtures/orchestrations';

const app = loadModules([path.join(__dirname, '../../../support/fixtures/orchestrations.ts')]);
const t0 = new Date('2026-03-02T09:00:00.000Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

function orchestration(name: string) {
  const found = app.orchestrations.find((o) => o.name === name);
  if (!found) throw new Error(`fixture ${name} not loaded`);
  return found;
}

function replay(name: string, history: HistoryEvent[], input: unknown = null) {
  const trigger = orchestrationTrigger('instance-1', input, history, AZURE_TIMER_LIMITS);
  return replayEpisode(orchestration(name), trigger, { logLevel: 'silent' });
}

const started = (input: unknown = null) => [
  events.orchestratorStarted(at(0)),
  events.executionStarted(at(0), 'x', JSON.stringify(input)),
];

describe('replaying histories through the durable-functions engine', () => {
  it('schedules the first activity of a new execution', async () => {
    const episode = await replay(FixtureOrchestrations.sequence, started());

    expect(episode.done).toBe(false);
    expect(flattenActions(episode.actions)).toMatchObject([
      { actionType: ActionType.CallActivity, functionName: FixtureActivities.greet, input: '"Tokyo"' },
    ]);
  });

  it('reports every action since the start of the execution, not only the new one', async () => {
    const history = [
      ...started(),
      events.taskScheduled(at(0), 0, FixtureActivities.greet, '"Tokyo"'),
      events.orchestratorCompleted(at(0)),
      events.orchestratorStarted(at(1)),
      events.taskCompleted(at(1), 0, '"Hello Tokyo"'),
    ];

    const episode = await replay(FixtureOrchestrations.sequence, history);

    expect(flattenActions(episode.actions).map((a) => a.input)).toEqual(['"Tokyo"', { city: 'Seattle' }]);
  });

  it('completes with the results of its activities once both are in the history', async () => {
    const history = [
      ...started(),
      events.orchestratorStarted(at(1)),
      events.taskCompleted(at(1), 0, '"Hello Tokyo"'),
      events.orchestratorStarted(at(2)),
      events.taskCompleted(at(2), 1, '"Hello Seattle"'),
    ];

    const episode = await replay(FixtureOrchestrations.sequence, history);

    expect(episode).toMatchObject({ done: true, output: ['Hello Tokyo', 'Hello Seattle'] });
  });

  it('keeps a completion that arrives before its task is scheduled until the task is scheduled', async () => {
    const history = [
      ...started(),
      events.orchestratorStarted(at(1)),
      events.taskCompleted(at(1), 1, '"early"'),
      events.taskCompleted(at(1), 0, '"Hello Tokyo"'),
    ];

    const episode = await replay(FixtureOrchestrations.sequence, history);

    expect(episode).toMatchObject({ done: true, output: ['Hello Tokyo', 'early'] });
  });

  it('hands an activity failure to the orchestrator as an error it can catch', async () => {
    const history = [
      ...started(),
      events.orchestratorStarted(at(1)),
      events.taskFailed(at(1), 0, "Activity function 'fixtureFail' failed: activity exploded", 'stack'),
    ];

    const episode = await replay(FixtureOrchestrations.failing, history);

    expect(episode).toMatchObject({
      done: true,
      output: "caught: Activity function 'fixtureFail' failed: activity exploded ",
    });
  });

  it('waits on an event and a timer at once, and takes the event when it is raised first', async () => {
    const input = { timeoutMs: 60_000 };
    const first = await replay(FixtureOrchestrations.approval, started(input), input);
    // Task.any schedules its tasks in the order given; the event takes no sequence id, the timer takes 0.
    expect(flattenActions(first.actions).map((a) => a.actionType)).toEqual([
      ActionType.WaitForExternalEvent,
      ActionType.CreateTimer,
    ]);

    const history = [
      ...started(input),
      events.orchestratorStarted(at(5)),
      events.eventRaised(at(5), 'approval', '"yes"'),
    ];
    const second = await replay(FixtureOrchestrations.approval, history, input);

    expect(second).toMatchObject({ done: true, output: { decision: 'yes' } });
    const timer = flattenActions(second.actions).find((a) => a.actionType === ActionType.CreateTimer);
    expect(timer).toMatchObject({ isCanceled: true });
  });

  it('takes the timer when it fires first', async () => {
    const input = { timeoutMs: 60_000 };
    const history = [...started(input), events.orchestratorStarted(at(61)), events.timerFired(at(61), 0, at(60))];

    const episode = await replay(FixtureOrchestrations.approval, history, input);

    expect(episode).toMatchObject({ done: true, output: { decision: 'expired' } });
  });

  it('splits a timer beyond the short-timer limit into sub-timers that each take a sequence id', async () => {
    const input = { timeoutMs: 10 * 24 * 3600 * 1000 };
    const threeDays = 3 * 24 * 3600;
    const afterFirst = [
      ...started(input),
      events.orchestratorStarted(at(threeDays)),
      events.timerFired(at(threeDays), 0, at(threeDays)),
    ];
    expect((await replay(FixtureOrchestrations.approval, afterFirst, input)).done).toBe(false);

    const finalFire = at(10 * 24 * 3600);
    const afterAll = [
      ...afterFirst,
      events.orchestratorStarted(at(2 * threeDays)),
      events.timerFired(at(2 * threeDays), 1, at(2 * threeDays)),
      events.orchestratorStarted(finalFire),
      events.timerFired(finalFire, 2, finalFire),
    ];
    expect(await replay(FixtureOrchestrations.approval, afterAll, input)).toMatchObject({
      done: true,
      output: { decision: 'expired' },
    });
  });

  it('does not check on its own that a replay schedules what the history says', async () => {
    const history = [
      ...started(),
      events.taskScheduled(at(0), 0, 'someOtherActivity', null),
      events.orchestratorStarted(at(1)),
      events.taskCompleted(at(1), 0, '"whatever"'),
    ];

    const episode = await replay(FixtureOrchestrations.sequence, history);

    expect(episode.error).toBeUndefined();
    expect(flattenActions(episode.actions)[0]?.functionName).toBe(FixtureActivities.greet);
  });
});
