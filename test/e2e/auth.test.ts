import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { devObjectId } from '../../devhost/identity/claims';
import { DEV_TENANT_ID } from '../../devhost/identity/defaults';
import { Roles } from '../../shared/auth/roles';
import { startDevhostProcess, type DevhostProcess } from '../support/devhostProcess';
import { deleteRedisKeys } from '../support/redisKeys';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const prefix = `test:auth-e2e:${randomUUID()}:`;

let stateDir: string;
let first: DevhostProcess;
let second: DevhostProcess;

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'signoff-auth-e2e-'));
  const options = { stateDir, env: { REDIS_URL, REDIS_KEY_PREFIX: prefix } };
  [first, second] = await Promise.all([startDevhostProcess(options), startDevhostProcess(options)]);
});

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await rm(stateDir, { recursive: true, force: true });
  await deleteRedisKeys(prefix, REDIS_URL);
});

async function me(devhost: DevhostProcess, token: string) {
  const res = await fetch(`${devhost.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function revoke(devhost: DevhostProcess, user: string) {
  const admin = await devhost.token({ user: 'root', roles: [Roles.Admin], acrs: ['c1'] });
  const oid = devObjectId(DEV_TENANT_ID, user);
  const res = await fetch(`${devhost.url}/api/v1/users/${oid}/sessions/revoke`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}` },
  });
  return res.status;
}

describe('two devhost processes sharing Redis', () => {
  it('both trust a token signed with the shared dev keys', async () => {
    const token = await first.token({ user: 'zoe', roles: [Roles.Reader] });
    expect((await me(first, token)).status).toBe(200);
    expect((await me(second, token)).body).toMatchObject({ name: 'Zoe', objectId: devObjectId(DEV_TENANT_ID, 'zoe') });
  });

  it('enforce on the second a revocation made through the first', async () => {
    const token = await first.token({ user: 'yann', roles: [Roles.Reader] });
    expect((await me(second, token)).status).toBe(200);

    expect(await revoke(first, 'yann')).toBe(200);

    expect(await me(second, token)).toMatchObject({ status: 401, body: { code: 'token_revoked' } });
    expect(await me(first, token)).toMatchObject({ status: 401, body: { code: 'token_revoked' } });
  });

  it('accept a token issued after the revocation', async () => {
    expect(await revoke(second, 'xena')).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const fresh = await second.token({ user: 'xena', roles: [Roles.Reader] });
    expect((await me(first, fresh)).status).toBe(200);
  });
});

describe('a token without any app role over HTTP', () => {
  it('gets its identity from /v1/me but 403 from an endpoint that needs a role', async () => {
    const token = await first.token({ user: 'wren', roles: [] });

    expect(await me(first, token)).toMatchObject({ status: 200, body: { roles: [], effectiveRoles: [] } });
    const definitions = await fetch(`${first.url}/api/v1/definitions`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(definitions.status).toBe(403);
    expect(await definitions.json()).toMatchObject({ code: 'forbidden' });
  });
});

describe('npm run token', () => {
  it('prints a token the running devhost accepts, with the roles and oid asked for', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DEVHOST_DIR: stateDir };
    delete env['AUTH_AUDIENCE'];
    const cli = path.join(ROOT, 'dist/devhost/tokenCli.js');
    const args = [cli, '--user', 'alice', '--roles', `${Roles.Requester}`];
    const { stdout } = await promisify(execFile)(path.join(ROOT, 'node_modules/.bin/node'), args, { env });

    const answer = await me(first, stdout.trim());
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      objectId: devObjectId(DEV_TENANT_ID, 'alice'),
      effectiveRoles: [Roles.Reader, Roles.Requester],
    });
  });
});
