import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { resetConfig } from '../../../shared/config/load';
import { purgeExpiredIdempotencyKeys } from '../../../shared/coordination/idempotencyPurge';
import { defineEndpoint, type EndpointSpec } from '../../../shared/http/endpoint';
import { Problem } from '../../../shared/http/problem';
import { startAuthEnvironment, type AuthEnvironment } from '../../support/authEnvironment';
import { callEndpoint } from '../../support/fixtures/callEndpoint';
import { createTestSchema, type TestSchema } from '../db/testSchema';
import { deferred, until } from './testEndpoint';

let db: TestSchema;
let env: AuthEnvironment;
let gate: Promise<void> = Promise.resolve();
let entered = 0;

const NoteSchema = Type.Object({ id: Type.Integer(), text: Type.String(), tags: Type.Array(Type.String()) });
const NoteInput = Type.Object({ text: Type.String(), tags: Type.Optional(Type.Array(Type.String())) });

const createNote = defineEndpoint({
  name: 'createNote',
  method: 'POST',
  route: 'v1/test/notes',
  summary: 'test endpoint',
  tags: ['test'],
  access: { role: 'Signoff.Requester' },
  rateClass: 'none',
  idempotency: 'required',
  successStatus: 201,
  schemas: { body: NoteInput, response: NoteSchema },
  handler: async (ctx) => {
    entered += 1;
    await gate;
    if (ctx.body.text === 'refuse') throw new Problem('unprocessable');
    return ctx.transaction(async (em) => {
      const sql = `insert into "${db.schema}".notes (text) values (?) returning id`;
      const [row] = await em.execute<{ id: number }[]>(sql, [ctx.body.text]);
      const note = { id: row!.id, text: ctx.body.text, tags: ctx.body.tags ?? [] };
      return { status: 201, body: note, headers: { location: `/api/v1/test/notes/${note.id}` } };
    });
  },
});

const createNoteOptional = { ...createNote, name: 'createNoteOptional', idempotency: 'optional' as const };

beforeAll(async () => {
  db = await createTestSchema('idempotency');
  await db.orm.em.getConnection().execute(`create table "${db.schema}".notes (id serial primary key, text text)`);
  env = await startAuthEnvironment({ DATABASE_SCHEMA: db.schema });
  resetConfig();
});

afterAll(async () => {
  await env.close();
  await db.drop();
  delete process.env['DATABASE_SCHEMA'];
  resetConfig();
});

async function post(body: unknown, key?: string, options: { user?: string; spec?: EndpointSpec } = {}) {
  const token = await env.idp.provider.issueToken({ user: options.user ?? 'rita', roles: ['Signoff.Requester'] });
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  if (key !== undefined) headers['idempotency-key'] = `"${key}"`;
  return callEndpoint(options.spec ?? (createNote as unknown as EndpointSpec), { headers, body: JSON.stringify(body) });
}

async function notes(text: string): Promise<number> {
  const rows = await db
    .em()
    .execute<{ n: string }[]>(`select count(*) as n from "${db.schema}".notes where text = ?`, [text]);
  return Number(rows[0]!.n);
}

describe('Idempotency-Key', () => {
  it('is required where the spec says so: 400 idempotency_key_required, nothing written', async () => {
    const answer = await post({ text: 'no-key' });

    expect(answer.status).toBe(400);
    expect(answer.json()).toMatchObject({ code: 'idempotency_key_required' });
    expect(await notes('no-key')).toBe(0);
  });

  it('replays the first response byte for byte with Idempotent-Replayed, without running it again', async () => {
    const key = randomUUID();
    const first = await post({ text: 'replayed', tags: ['a'] }, key);
    const again = await post({ text: 'replayed', tags: ['a'] }, key);

    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['location']).toBe(first.headers['location']);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(await notes('replayed')).toBe(1);
  });

  it('matches payloads by their canonical form, so key order does not matter', async () => {
    const key = randomUUID();
    await post({ text: 'canonical', tags: ['x'] }, key);
    const again = await post({ tags: ['x'], text: 'canonical' }, key);

    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await notes('canonical')).toBe(1);
  });

  it('refuses the same key with another payload: 422 idempotency_key_reused', async () => {
    const key = randomUUID();
    await post({ text: 'original' }, key);
    const reused = await post({ text: 'different' }, key);

    expect(reused.status).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'idempotency_key_reused' });
    expect(await notes('different')).toBe(0);
  });

  it('answers 409 idempotency_in_flight to a second request while the first runs; one row in the end', async () => {
    const key = randomUUID();
    const held = deferred();
    gate = held.promise;
    entered = 0;
    const first = post({ text: 'simultaneous' }, key);
    await until(() => entered, 1);

    const second = await post({ text: 'simultaneous' }, key);
    held.open();
    gate = Promise.resolve();
    const done = await first;
    const third = await post({ text: 'simultaneous' }, key);

    expect(second.status).toBe(409);
    expect(second.json()).toMatchObject({ code: 'idempotency_in_flight' });
    expect(second.headers['retry-after']).toBe('1');
    expect(done.status).toBe(201);
    expect(third.text).toBe(done.text);
    expect(await notes('simultaneous')).toBe(1);
  });

  it('lets two truly simultaneous requests write once: one 201, the other 409 or a replay', async () => {
    const key = randomUUID();
    const answers = await Promise.all([post({ text: 'race' }, key), post({ text: 'race' }, key)]);

    const statuses = answers.map((a) => a.status).sort();
    expect([
      [201, 201],
      [201, 409],
    ]).toContainEqual(statuses);
    expect(await notes('race')).toBe(1);
  });

  it('releases the key when the request fails, so the client may retry it', async () => {
    const key = randomUUID();
    const refused = await post({ text: 'refuse' }, key);
    const retried = await post({ text: 'accepted-after-refusal' }, key);

    expect(refused.status).toBe(422);
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it('rolls the change back when its reservation was taken over meanwhile, so it never applies twice', async () => {
    const key = randomUUID();
    const held = deferred();
    gate = held.promise;
    entered = 0;
    const pending = post({ text: 'taken-over' }, key);
    await until(() => entered, 1);

    await db
      .em()
      .execute(`update "${db.schema}".idempotency_keys set lease_token = ? where key = ?`, [randomUUID(), key]);
    held.open();
    gate = Promise.resolve();
    const answer = await pending;

    expect(answer.status).toBe(409);
    expect(await notes('taken-over')).toBe(0);
  });

  it('scopes keys to the principal: another user with the same key gets a fresh result', async () => {
    const key = randomUUID();
    const mine = await post({ text: 'scoped' }, key, { user: 'rita' });
    const theirs = await post({ text: 'scoped' }, key, { user: 'sam' });

    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(await notes('scoped')).toBe(2);
  });

  it('accepts but does not demand a key where it is optional', async () => {
    const spec = createNoteOptional as unknown as EndpointSpec;
    await post({ text: 'optional' }, undefined, { spec });
    await post({ text: 'optional' }, undefined, { spec });
    const key = randomUUID();
    await post({ text: 'optional-keyed' }, key, { spec });
    const replay = await post({ text: 'optional-keyed' }, key, { spec });

    expect(await notes('optional')).toBe(2);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await notes('optional-keyed')).toBe(1);
  });

  it('forgets a key after it expires, and the purge deletes expired records only', async () => {
    const expiredKey = randomUUID();
    const liveKey = randomUUID();
    await post({ text: 'expiring' }, expiredKey);
    await post({ text: 'live' }, liveKey);
    const table = `"${db.schema}".idempotency_keys`;
    await db.em().execute(`update ${table} set expires_at = now() - interval '1 second' where key = ?`, [expiredKey]);

    const reusedAfterExpiry = await post({ text: 'expiring-new-payload' }, expiredKey);
    await db.em().execute(`update ${table} set expires_at = now() - interval '1 second' where key = ?`, [expiredKey]);
    const purged = await purgeExpiredIdempotencyKeys(db.em(), 1);
    const left = await db
      .em()
      .execute<{ key: string }[]>(`select key from ${table} where key in (?, ?)`, [expiredKey, liveKey]);

    expect(reusedAfterExpiry.status).toBe(201);
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(left.map((r) => r.key)).toEqual([liveKey]);
  });
});
