import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Roles } from '../../shared/auth/roles';
import { startDevhostProcess, type DevhostProcess } from '../support/devhostProcess';

jest.setTimeout(120_000);

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function embeddedPort(output: string): number {
  const found = /embedded PostgreSQL on 127\.0\.0\.1:(\d+)/.exec(output);
  if (!found) throw new Error(`no embedded PostgreSQL in the banner:\n${output}`);
  return Number(found[1]);
}

describe('the devhost process against the machine’s PostgreSQL', () => {
  let devhost: DevhostProcess;

  beforeAll(async () => {
    devhost = await startDevhostProcess();
  });

  afterAll(async () => {
    if (devhost.child.exitCode === null) await devhost.stop();
  });

  it('answers GET /api/v1/health', async () => {
    const res = await fetch(`${devhost.url}/api/v1/health`);

    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const res = await fetch(`${devhost.url}/api/v1/no-such-thing`);

    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, instance: '/api/v1/no-such-thing' });
  });

  it('answers a path outside the api prefix with route_not_found problem+json', async () => {
    const res = await fetch(`${devhost.url}/favicon.ico`);

    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'route_not_found' });
  });

  it('trusts tokens signed with the keys in its state folder, as npm run token makes them', async () => {
    const token = await devhost.token({ user: 'alice', roles: [Roles.Requester] });

    const res = await fetch(`${devhost.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });

    expect(res.status).toBe(200);
  });

  it('prints what it serves', () => {
    const output = devhost.output();

    expect(output).toContain(`Signoff devhost listening on ${devhost.url}`);
    expect(output).toContain(`${devhost.url}/api/v1/health`);
    expect(output).toContain('npm run -s token -- --user alice --roles Signoff.Requester');
  });

  it('stops cleanly on SIGTERM and exits 0', async () => {
    const code = await devhost.stop('SIGTERM');

    expect(code).toBe(0);
    expect(devhost.output()).toContain('"message":"devhost stopped"');
    expect(await fetch(`${devhost.url}/api/v1/health`).catch(() => 'refused')).toBe('refused');
  });
});

describe('the devhost process without DATABASE_URL', () => {
  let stateDir: string;

  beforeAll(async () => {
    stateDir = await mkdtemp(path.join(tmpdir(), 'signoff-devhost-embedded-'));
  });

  afterAll(() => rm(stateDir, { recursive: true, force: true }));

  it('starts embedded PostgreSQL, answers health within 60 s, and stops it on SIGINT', async () => {
    const started = Date.now();
    const devhost = await startDevhostProcess({ env: { DATABASE_URL: '' }, stateDir });

    expect(Date.now() - started).toBeLessThan(60_000);
    const ready = await fetch(`${devhost.url}/api/v1/health/ready`);
    expect(ready.status).toBe(200);
    const port = embeddedPort(devhost.output());
    expect(devhost.output()).toContain('(new data in');

    expect(await devhost.stop('SIGINT')).toBe(0);
    expect(await accepts(port)).toBe(false);
  });

  it('reuses the initialised data folder on the next start', async () => {
    const devhost = await startDevhostProcess({ env: { DATABASE_URL: '' }, stateDir });

    expect(devhost.output()).toContain('(reused data in');
    expect((await fetch(`${devhost.url}/api/v1/health/ready`)).status).toBe(200);
    expect(await devhost.stop()).toBe(0);
  });
});

describe('a devhost that cannot start', () => {
  it('prints which step failed and exits 1', async () => {
    const failure = startDevhostProcess({ env: { DATABASE_SCHEMA: 'Not-A-Schema' } });

    await expect(failure).rejects.toThrow(/exited with 1 during start[\s\S]*devhost: could not read the configuration/);
  });

  it('names the migration step when PostgreSQL cannot be reached', async () => {
    const failure = startDevhostProcess({ env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' } });

    await expect(failure).rejects.toThrow(/devhost: could not migrate the database/);
  });
});
