import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { Roles } from '../../shared/auth/roles';
import { ormOptions } from '../../shared/db/ormOptions';
import { startDevhostProcess, type DevhostProcess } from '../support/devhostProcess';
import { dropSchema, freshSchemaName } from '../support/schemas';
import { deleteRedisKeys } from '../support/redisKeys';

jest.setTimeout(120_000);

// Two devhost processes on one database schema and one Redis: the second of two simultaneous requests
// with one Idempotency-Key may land on either process.
const ROOT = path.resolve(__dirname, '../..');
const DATABASE_URL = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const schema = freshSchemaName('idem_e2e');
const prefix = `test:idem-e2e:${randomUUID()}:`;
const definition = JSON.parse(readFileSync(path.join(ROOT, 'examples/purchase-request.json'), 'utf8')) as unknown;

let stateDir: string;
let first: DevhostProcess;
let second: DevhostProcess;
let orm: MikroORM;

beforeAll(async () => {
  stateDir = await mkdtemp(path.join(tmpdir(), 'signoff-idem-e2e-'));
  const env = { DATABASE_URL, DATABASE_SCHEMA: schema, REDIS_URL, REDIS_KEY_PREFIX: prefix };
  first = await startDevhostProcess({ stateDir, env });
  second = await startDevhostProcess({ stateDir, env });
  orm = await MikroORM.init(ormOptions({ databaseUrl: DATABASE_URL, schema, poolSize: 2 }));

  const admin = await first.token({ user: 'root', roles: [Roles.Admin], acrs: ['c1'] });
  const published = await send(first, 'POST', '/api/v1/definitions', admin, definition);
  expect(published.status).toBe(201);
});

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await orm?.close();
  await dropSchema(DATABASE_URL, schema);
  await rm(stateDir, { recursive: true, force: true });
  await deleteRedisKeys(prefix, REDIS_URL);
});

async function send(devhost: DevhostProcess, method: string, url: string, token: string, body: unknown, key?: string) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  if (key !== undefined) headers['idempotency-key'] = `"${key}"`;
  const res = await fetch(`${devhost.url}${url}`, { method, headers, body: JSON.stringify(body) });
  return { status: res.status, headers: Object.fromEntries(res.headers), text: await res.text() };
}

async function openCase(devhost: DevhostProcess, title: string, key: string, amount = 100) {
  const token = await devhost.token({ user: 'rita', roles: [Roles.Requester] });
  const body = { workflowKey: 'purchase-request', title, data: { amount } };
  return send(devhost, 'POST', '/api/v1/cases', token, body, key);
}

async function countWhere(sql: string, params: unknown[]): Promise<number> {
  const rows = await orm.em.fork().execute<{ n: string }[]>(sql, params);
  return Number(rows[0]!.n);
}

const casesTitled = (title: string) =>
  countWhere(`select count(*) as n from "${schema}".cases where title = ?`, [title]);
const eventsOfCasesTitled = (title: string) =>
  countWhere(
    `select count(*) as n from "${schema}".case_events e join "${schema}".cases c on c.id = e.case_id where c.title = ?`,
    [title],
  );

describe('Idempotency-Key over HTTP, two processes sharing PostgreSQL', () => {
  it.each([1, 2, 3, 4, 5])(
    'opens one case with one audit event for two simultaneous POSTs (round %i)',
    async (round) => {
      const title = `race-${round}-${randomUUID()}`;
      const key = randomUUID();

      const answers = await Promise.all([openCase(first, title, key), openCase(second, title, key)]);

      const created = answers.filter((a) => a.status === 201 && a.headers['idempotent-replayed'] === undefined);
      const others = answers.filter((a) => !created.includes(a));
      expect(created).toHaveLength(1);
      for (const other of others) {
        if (other.status === 201) expect(other.text).toBe(created[0]!.text);
        else expect(JSON.parse(other.text)).toMatchObject({ status: 409, code: 'idempotency_in_flight' });
      }
      expect(await casesTitled(title)).toBe(1);
      expect(await eventsOfCasesTitled(title)).toBe(1);
    },
  );

  it('replays the first response byte for byte, from either process, marked Idempotent-Replayed', async () => {
    const title = `replay-${randomUUID()}`;
    const key = randomUUID();
    const original = await openCase(first, title, key);

    const fromFirst = await openCase(first, title, key);
    const fromSecond = await openCase(second, title, key);

    expect(original.status).toBe(201);
    for (const replay of [fromFirst, fromSecond]) {
      expect(replay.status).toBe(201);
      expect(replay.text).toBe(original.text);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.headers['location']).toBe(original.headers['location']);
      expect(replay.headers['etag']).toBe(original.headers['etag']);
    }
    expect(await casesTitled(title)).toBe(1);
  });

  it('refuses the same key with a different body: 422 idempotency_key_reused', async () => {
    const title = `reuse-${randomUUID()}`;
    const key = randomUUID();
    await openCase(first, title, key, 100);

    const reused = await openCase(second, title, key, 999);

    expect(reused.status).toBe(422);
    expect(reused.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(reused.text)).toMatchObject({ code: 'idempotency_key_reused' });
    expect(await casesTitled(title)).toBe(1);
  });
});
