import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Roles } from '../../shared/auth/roles';
import { startDevhostProcess, type DevhostProcess } from '../support/devhostProcess';
import { deleteRedisKeys } from '../support/redisKeys';

jest.setTimeout(120_000);

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const prefix = `test:rl-e2e:${randomUUID()}:`;

let stateDir: string;
let devhosts: DevhostProcess[] = [];

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'signoff-rl-e2e-'));
  const options = { stateDir, env: { REDIS_URL, REDIS_KEY_PREFIX: prefix, RATE_LIMIT_READ: '10' } };
  devhosts = await Promise.all([1, 2, 3].map(() => startDevhostProcess(options)));
});

afterAll(async () => {
  await Promise.all(devhosts.map((devhost) => devhost.stop()));
  await rm(stateDir, { recursive: true, force: true });
  await deleteRedisKeys(prefix, REDIS_URL);
});

async function me(devhost: DevhostProcess, token: string) {
  const res = await fetch(`${devhost.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  return {
    status: res.status,
    headers: Object.fromEntries(res.headers),
    body: (await res.json()) as { code?: string },
  };
}

describe('rate limits across three devhost processes sharing Redis', () => {
  it('admit at most 10 of 50 parallel requests; the rest get 429 with Retry-After and RateLimit headers', async () => {
    const token = await devhosts[0]!.token({ user: 'quinn', roles: [Roles.Reader] });

    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => me(devhosts[i % 3]!, token)));

    const admitted = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 429);
    expect(admitted).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const answer of refused) {
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(answer.body.code).toBe('rate_limited');
      expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(answer.headers['ratelimit-policy']).toContain('"read-user";q=10;w=60');
      expect(answer.headers['ratelimit']).toMatch(/"read-user";r=0;t=\d+/);
    }
    for (const answer of admitted) expect(answer.headers['ratelimit']).toMatch(/"read-user";r=\d;t=\d+/);
  });

  it('refuses the spent user on every process, while another user still gets in', async () => {
    const spent = await devhosts[1]!.token({ user: 'quinn', roles: [Roles.Reader] });
    const other = await devhosts[1]!.token({ user: 'rosa', roles: [Roles.Reader] });

    const statuses = await Promise.all(devhosts.map(async (devhost) => (await me(devhost, spent)).status));
    expect(statuses).toEqual([429, 429, 429]);
    expect((await me(devhosts[2]!, other)).status).toBe(200);
  });
});
