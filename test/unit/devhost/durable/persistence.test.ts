import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadModules } from '../../../../devhost/loadApp';
import { directoryStore, type InstanceStore } from '../../../../devhost/durable/persistence';
import type { RuntimeStatus } from '../../../../devhost/durable/instance';
import { createOrchestrationRunner, type OrchestrationRunner } from '../../../../devhost/durable/runner';
import { createLogger } from '../../../../shared/telemetry/logger';
import { FixtureOrchestrations } from '../../../support/fixtures/orchestrations';

const app = loadModules([path.join(__dirname, '../../../support/fixtures/orchestrations.ts')]);
const log = createLogger(() => undefined);
let dir: string;
let store: InstanceStore;
const runners: OrchestrationRunner[] = [];

function runner(): OrchestrationRunner {
  const created = createOrchestrationRunner(app, { logLevel: 'silent', log, store });
  runners.push(created);
  return created;
}

async function settled(on: OrchestrationRunner, instanceId: string, wanted: RuntimeStatus[]) {
  for (let attempt = 0; attempt < 500; attempt++) {
    await on.idle();
    const instance = on.get(instanceId);
    if (instance && wanted.includes(instance.status)) return instance;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`instance ${instanceId} is ${on.get(instanceId)?.status ?? 'gone'}`);
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'signoff-durable-'));
  store = directoryStore(dir);
});

afterEach(async () => {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
  await rm(dir, { recursive: true, force: true });
});

describe('instances kept in a store', () => {
  it('survive a restart and still take the event they wait for', async () => {
    const first = runner();
    const { instanceId } = first.start(FixtureOrchestrations.approval, { timeoutMs: 60_000 });
    await settled(first, instanceId, ['Running']);
    await first.stop();

    const second = runner();
    second.raiseEvent(instanceId, 'approval', 'after restart');

    expect(await settled(second, instanceId, ['Completed'])).toMatchObject({ output: { decision: 'after restart' } });
  });

  it('fire a timer that came due while the devhost was down', async () => {
    const first = runner();
    const { instanceId } = first.start(FixtureOrchestrations.approval, { timeoutMs: 200 });
    await settled(first, instanceId, ['Running']);
    await first.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));

    const second = runner();

    expect(await settled(second, instanceId, ['Completed'])).toMatchObject({ output: { decision: 'expired' } });
  });

  it('run again an activity whose completion was not delivered before the stop', async () => {
    const first = runner();
    const { instanceId } = first.start(FixtureOrchestrations.sequence, null);
    await first.stop();

    const second = runner();

    expect(await settled(second, instanceId, ['Completed'])).toMatchObject({
      output: ['Hello Tokyo', 'Hello [object Object]'],
    });
  });

  it('keep an event raised while the instance was busy', async () => {
    const first = runner();
    const { instanceId } = first.start(FixtureOrchestrations.approval, { timeoutMs: 60_000 });
    first.raiseEvent(instanceId, 'approval', 'early');
    await first.stop();

    const second = runner();

    expect(await settled(second, instanceId, ['Completed'])).toMatchObject({ output: { decision: 'early' } });
  });

  it('forget a purged instance', async () => {
    const first = runner();
    const { instanceId } = first.start(FixtureOrchestrations.approval, { timeoutMs: 60_000 });
    await settled(first, instanceId, ['Running']);
    first.purge(instanceId);
    await first.stop();

    expect(runner().get(instanceId)).toBeUndefined();
  });
});
