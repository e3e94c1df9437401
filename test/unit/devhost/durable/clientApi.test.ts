import path from 'node:path';
import { loadModules } from '../../../../devhost/loadApp';
import { serveApp, type ServedApp } from '../../../../devhost/serveApp';
import { startDevServer, type DevServer } from '../../../../devhost/server';
import { createLogger } from '../../../../shared/telemetry/logger';
import { FixtureOrchestrations } from '../../../support/fixtures/orchestrations';

const fixtures = path.join(__dirname, '../../../support/fixtures');
const app = loadModules([path.join(fixtures, 'orchestrations.ts'), path.join(fixtures, 'durableClientFunctions.ts')]);
const previousHost = process.env['WEBSITE_HOSTNAME'];
let server: DevServer;
let served: ServedApp;

beforeAll(async () => {
  server = await startDevServer(0);
  process.env['WEBSITE_HOSTNAME'] = new URL(server.url).host;
  served = serveApp(server, app, {
    routePrefix: 'api',
    taskHub: 'TestHub',
    logLevel: 'silent',
    log: createLogger(() => undefined),
  });
});

afterAll(async () => {
  await served.runner.stop();
  await server.close(100);
  if (previousHost === undefined) delete process.env['WEBSITE_HOSTNAME'];
  else process.env['WEBSITE_HOSTNAME'] = previousHost;
});

async function statusOf(statusUrl: string, wanted: string) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const res = await fetch(statusUrl);
    const body = (await res.json()) as { runtimeStatus: string };
    if (body.runtimeStatus === wanted) return { status: res.status, body: body as Record<string, unknown> };
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never ${wanted}`);
}

async function startApproval(): Promise<{ id: string; statusQueryGetUri: string; location: string | null }> {
  const res = await fetch(`${server.url}/api/fixture/approvals`, {
    method: 'POST',
    body: JSON.stringify({ timeoutMs: 60_000 }),
  });
  expect(res.status).toBe(202);
  const body = (await res.json()) as { id: string; statusQueryGetUri: string };
  return { ...body, location: res.headers.get('location') };
}

describe('the durable client against the devhost', () => {
  it('starts an instance and answers with check-status links on the devhost itself', async () => {
    const started = await startApproval();

    expect(started.location).toBe(started.statusQueryGetUri);
    expect(
      started.statusQueryGetUri.startsWith(`${server.url}/runtime/webhooks/durabletask/instances/${started.id}`),
    ).toBe(true);
    const running = await statusOf(started.statusQueryGetUri, 'Running');
    expect(running).toMatchObject({
      status: 202,
      body: { name: FixtureOrchestrations.approval, input: { timeoutMs: 60_000 } },
    });
  });

  it('raises an event through the client and the instance completes with it', async () => {
    const started = await startApproval();
    await statusOf(started.statusQueryGetUri, 'Running');

    const raised = await fetch(`${server.url}/api/fixture/approvals/${started.id}/approve`, {
      method: 'POST',
      body: 'bob',
    });
    expect(raised.status).toBe(202);

    const done = await statusOf(started.statusQueryGetUri, 'Completed');
    expect(done).toMatchObject({ status: 200, body: { output: { decision: 'bob' } } });
  });

  it('reads the status and history through the client', async () => {
    const started = await startApproval();
    await statusOf(started.statusQueryGetUri, 'Running');

    const res = await fetch(`${server.url}/api/fixture/approvals/${started.id}`);
    const status = (await res.json()) as { runtimeStatus: string; history: unknown[] };

    expect(status.runtimeStatus).toBe('Running');
    expect(status.history.length).toBeGreaterThan(0);
  });

  it('terminates through the client; a later event is refused with 410 orchestration_finished', async () => {
    const started = await startApproval();
    await statusOf(started.statusQueryGetUri, 'Running');

    expect((await fetch(`${server.url}/api/fixture/approvals/${started.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await statusOf(started.statusQueryGetUri, 'Terminated')).status).toBe(400);

    const late = await fetch(`${server.url}/runtime/webhooks/durabletask/instances/${started.id}/raiseEvent/approval`, {
      method: 'POST',
      body: '"late"',
    });
    expect(late.status).toBe(410);
    expect(await late.json()).toMatchObject({ code: 'orchestration_finished' });
  });

  it('answers problem+json for an unknown instance and an unknown orchestrator', async () => {
    const api = `${server.url}/runtime/webhooks/durabletask`;

    const missing = await fetch(`${api}/instances/nobody`);
    const unknown = await fetch(`${api}/orchestrators/noSuchOrchestrator`, { method: 'POST', body: '' });

    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ code: 'bad_request' });
  });

  it('lists instances by runtime status and purges one', async () => {
    const started = await startApproval();
    const api = `${server.url}/runtime/webhooks/durabletask`;
    await statusOf(started.statusQueryGetUri, 'Running');

    const listed = (await (await fetch(`${api}/instances?runtimeStatus=Running`)).json()) as { instanceId: string }[];
    expect(listed.map((i) => i.instanceId)).toContain(started.id);

    const purged = await fetch(`${api}/instances/${started.id}`, { method: 'DELETE' });
    expect(await purged.json()).toEqual({ instancesDeleted: 1 });
    expect((await fetch(`${api}/instances/${started.id}`)).status).toBe(404);
  });
});
