import { spawn, type ChildProcess } from 'node:child_process';
import { createClient } from 'redis';
import { Roles } from '../../shared/auth/roles';
import { startDevhostProcess, type DevhostProcess } from '../support/devhostProcess';
import { freePort } from '../support/ports';

jest.setTimeout(120_000);

// A redis-server of this test's own on a free loopback port, without persistence, so stopping it leaves
// the shared Redis on 6379 untouched.
let port: number;
let redis: ChildProcess | undefined;
let devhost: DevhostProcess;

function startRedis(): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)));
  });
}

function stopRedis(): Promise<void> {
  const child = redis;
  redis = undefined;
  if (child === undefined || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

beforeAll(async () => {
  port = await freePort();
  redis = await startRedis();
  devhost = await startDevhostProcess({ env: { REDIS_URL: `redis://127.0.0.1:${port}`, RATE_LIMIT_READ: '1000' } });
});

afterAll(async () => {
  await devhost?.stop();
  await stopRedis();
});

async function me(token: string) {
  const res = await fetch(`${devhost.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { status: res.status, headers: Object.fromEntries(res.headers), text };
}

async function health(): Promise<number> {
  return (await fetch(`${devhost.url}/api/v1/health`)).status;
}

async function rateLimitKeysInRedis(): Promise<number> {
  const client = await createClient({ url: `redis://127.0.0.1:${port}` }).connect();
  try {
    return (await client.keys('*:rl:read-user:*')).length;
  } finally {
    await client.close();
  }
}

async function untilStatus(token: string, status: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  const seen: number[] = [];
  while (Date.now() < deadline) {
    const answer = await me(token);
    seen.push(answer.status);
    if (answer.status === status) return { answer, seen };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no ${status} within ${timeoutMs} ms; saw ${seen.join(',')}`);
}

describe('Redis stopped in the middle of a run and started again', () => {
  let token: string;

  it('serves authenticated calls with RateLimit headers while Redis is up', async () => {
    token = await devhost.token({ user: 'olga', roles: [Roles.Reader] });
    const answer = await me(token);

    expect(answer.status).toBe(200);
    expect(answer.headers['ratelimit']).toMatch(/"read-user";r=999;t=\d+/);
  });

  it('answers 503 unavailable with Retry-After, never 500, while Redis is down; public probes keep answering', async () => {
    await stopRedis();

    const statuses: number[] = [];
    const started = Date.now();
    let last: Awaited<ReturnType<typeof me>> | undefined;
    for (let i = 0; i < 20; i += 1) {
      last = await me(token);
      statuses.push(last.status);
    }

    expect(statuses.every((status) => status === 503)).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(last!.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(last!.text)).toMatchObject({ code: 'unavailable' });
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    expect(await health()).toBe(200);
    expect(devhost.output()).toContain('redis connection lost');
  });

  it('recovers fully once Redis is back: 200 again with fresh RateLimit counters in Redis', async () => {
    redis = await startRedis();

    const { answer, seen } = await untilStatus(token, 200, 20_000);

    expect(seen.every((status) => status === 503 || status === 200)).toBe(true);
    expect(answer.headers['ratelimit']).toMatch(/"read-user";r=999;t=\d+/);
    expect((await me(token)).headers['ratelimit']).toMatch(/"read-user";r=998;t=\d+/);
    expect(devhost.output()).toContain('redis connection restored');
    expect(await rateLimitKeysInRedis()).toBeGreaterThan(0);
  });
});
