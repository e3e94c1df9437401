import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions } from '../../../shared/db/ormOptions';
import { startCaseApi, type CaseApi } from './caseApi';

let api: CaseApi;
let db: MikroORM;

beforeAll(async () => {
  api = await startCaseApi();
  db = await MikroORM.init(
    ormOptions({ databaseUrl: process.env['DATABASE_URL']!, schema: api.app.schema, poolSize: 2 }),
  );
});

afterAll(async () => {
  await db.close();
  await api.close();
});

function comment(caseId: string, body: unknown, token = api.cast.requester) {
  return api.app.request('POST', `/api/v1/cases/${caseId}/comments`, { token, body });
}

function comments(caseId: string, query = '', token = api.cast.reader) {
  return api.app.request('GET', `/api/v1/cases/${caseId}/comments${query}`, { token });
}

describe('POST /api/v1/cases/{caseId}/comments', () => {
  it('adds a comment by the caller, audited as case.commented, without changing the case version', async () => {
    const id = await api.openedId();

    const res = await comment(id, { body: 'Can we get it by Friday?' });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      caseId: id,
      author: { type: 'user', objectId: api.oids.requester },
      body: 'Can we get it by Friday?',
    });
    expect((await api.get(id)).headers['etag']).toBe('"1"');
    const [, commented] = (await api.history(id)).body.items;
    expect(commented).toMatchObject({
      type: 'case.commented',
      payload: { commentId: res.body.id, body: 'Can we get it by Friday?' },
    });
  });

  it('writes the outbox message in the same transaction as the comment and its event', async () => {
    const id = await api.openedId();
    const res = await comment(id, { body: 'outbox?' });

    const rows = await db.em
      .fork()
      .getConnection()
      .execute(
        `select e.id as event_id, o.payload->>'eventId' as announced, o.payload->>'eventType' as type
           from "${api.app.schema}".case_events e
           join "${api.app.schema}".outbox o on o.payload->>'eventId' = e.id::text
          where e.case_id = ? and e.type = 'case.commented'`,
        [id],
      );

    expect(res.status).toBe(201);
    expect(rows).toEqual([expect.objectContaining({ type: 'case.commented' })]);
  });

  it('lets an approver comment, and refuses a reader with 403', async () => {
    const id = await api.openedId();

    const approver = await comment(id, { body: 'Looks fine' }, api.cast.approver);
    const reader = await comment(id, { body: 'Me too' }, api.cast.reader);

    expect([approver.status, reader.status]).toEqual([201, 403]);
  });

  it('refuses an empty or oversized comment with 400 and a missing case with 404', async () => {
    const id = await api.openedId();

    const empty = await comment(id, { body: '' });
    const huge = await comment(id, { body: 'x'.repeat(4001) });
    const missing = await comment('01900000-0000-7000-8000-000000000000', { body: 'hello' });

    expect([empty.status, huge.status, missing.status]).toEqual([400, 400, 404]);
  });

  it('keeps every comment when many arrive at once, each with its own link in the audit chain', async () => {
    const id = await api.openedId();

    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => comment(id, { body: `note ${i}` })));

    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
    const events = (await api.history(id)).body.items;
    expect(events.map((e: { sequence: number }) => e.sequence)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
  });
});

describe('GET /api/v1/cases/{caseId}/comments', () => {
  it('pages through the comments oldest first with signed cursors', async () => {
    const id = await api.openedId();
    for (const n of [1, 2, 3, 4, 5]) await comment(id, { body: `comment ${n}` });

    const first = await comments(id, '?limit=2');
    const second = await comments(id, `?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    const third = await comments(id, `?limit=2&cursor=${encodeURIComponent(second.body.nextCursor)}`);

    const bodies = [first, second, third].flatMap((page) => page.body.items.map((c: { body: string }) => c.body));
    expect(bodies).toEqual(['comment 1', 'comment 2', 'comment 3', 'comment 4', 'comment 5']);
    expect(third.body.nextCursor).toBeNull();
  });

  it("refuses another case's cursor and a tampered one with 400 invalid_cursor", async () => {
    const [a, b] = [await api.openedId(), await api.openedId()];
    for (const id of [a, b]) for (const n of [1, 2]) await comment(id, { body: `c${n}` });
    const cursor = String((await comments(a, '?limit=1')).body.nextCursor);

    const foreign = await comments(b, `?cursor=${encodeURIComponent(cursor)}`);
    const tampered = await comments(a, `?cursor=${encodeURIComponent(`${cursor.slice(0, -1)}x`)}`);

    expect([foreign.body.code, tampered.body.code]).toEqual(['invalid_cursor', 'invalid_cursor']);
  });

  it('answers 404 for a case that does not exist', async () => {
    expect((await comments('01900000-0000-7000-8000-000000000000')).status).toBe(404);
  });
});
