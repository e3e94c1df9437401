import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { casePageSql, type CasePageQuery } from '../../../shared/db/caseList';
import { ormOptions } from '../../../shared/db/ormOptions';
import { startCaseApi, type CaseApi } from './caseApi';

const BULK = 240;
let api: CaseApi;
let db: MikroORM;
let tenantId: string;

type Item = { id: string; title: string; state: string; createdAt: string; updatedAt: string };

function em(): EntityManager {
  return db.em.fork() as EntityManager;
}

/**
 * Cases written straight into the table: three per second of creation time (so timestamps tie and the
 * id must break the tie), states, requesters and assignees in turn, updated in another order.
 */
async function insertCases(tenant: string, count: number, titlePrefix: string): Promise<void> {
  await em().execute(
    `insert into "${api.app.schema}".cases (id, tenant_id, definition_key, definition_version, state, title, data,
        requester, assignee, version, round, created_at, updated_at)
     select gen_random_uuid(), ?, 'purchase-request', 1, (array['draft', 'submitted', 'approved'])[1 + i % 3],
        ? || ' ' || i, '{}'::jsonb, 'req-' || (i % 5), case when i % 4 = 0 then 'asg-1' end, 1, 1,
        timestamptz '2026-01-01 00:00:00+00' + (i / 3) * interval '1 second',
        timestamptz '2026-02-01 00:00:00+00' + ((i * 7) % ?) * interval '1 millisecond'
       from generate_series(1, ?) as i`,
    [tenant, titlePrefix, count, count],
  );
}

beforeAll(async () => {
  api = await startCaseApi();
  db = await MikroORM.init(
    ormOptions({ databaseUrl: process.env['DATABASE_URL']!, schema: api.app.schema, poolSize: 2 }),
  );
  tenantId = String((await api.app.request('GET', '/api/v1/me', { token: api.cast.reader })).body.tenantId);
  await insertCases(tenantId, BULK, 'Bulk item');
  await insertCases('00000000-0000-0000-0000-00000000beef', 30, 'Foreign item');
  await em().execute(`analyze "${api.app.schema}".cases`);
});

afterAll(async () => {
  await db.close();
  await api.close();
});

function list(query: string, token = api.cast.reader) {
  return api.app.request('GET', `/api/v1/cases${query}`, { token });
}

async function everyPage(query: string, limit: number): Promise<Item[][]> {
  const pages: Item[][] = [];
  let cursor: string | null = null;
  do {
    const separator = query === '' ? '?' : '&';
    const after: string = cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`;
    const res = await list(`${query}${separator}limit=${limit}${after}`);
    expect(res.status).toBe(200);
    pages.push(res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor !== null && pages.length < 1000);
  return pages;
}

async function expectedIds(where: string, orderBy: string): Promise<string[]> {
  const rows = await em().execute(
    `select id from "${api.app.schema}".cases where tenant_id = ? ${where} order by ${orderBy}`,
    [tenantId],
  );
  return rows.map((row) => String(row['id']));
}

describe('GET /api/v1/cases: pages', () => {
  it.each([
    ['-createdAt', 'created_at desc, id desc'],
    ['createdAt', 'created_at asc, id asc'],
    ['-updatedAt', 'updated_at desc, id desc'],
    ['updatedAt', 'updated_at asc, id asc'],
  ])('walks every case of the tenant once, sorted by %s, ties broken by id', async (sort, orderBy) => {
    const pages = await everyPage(`?sort=${sort}`, 17);

    const ids = pages.flat().map((item) => item.id);
    expect(ids).toEqual(await expectedIds('', orderBy));
    expect(new Set(ids).size).toBe(BULK);
    expect(pages.at(-1)!.length).toBeLessThanOrEqual(17);
  });

  it('gives the newest 50 by default, and a null nextCursor on the last page', async () => {
    const first = await list('');
    const last = await list('?limit=200&createdFrom=2026-01-01T00:01:00Z');

    expect(first.body.items).toHaveLength(50);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(last.body.nextCursor).toBeNull();
    expect(first.body.items[0]).toEqual({
      id: expect.any(String),
      workflow: { key: 'purchase-request', version: 1 },
      state: expect.any(String),
      title: expect.stringMatching(/^Bulk item /),
      requester: expect.any(String),
      assignee: first.body.items[0].assignee,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
  });

  it('lets the page size change from one page to the next with the same cursor', async () => {
    const first = await list('?limit=5');
    const second = await list(`?limit=9&cursor=${encodeURIComponent(first.body.nextCursor)}`);

    const ids = [...first.body.items, ...second.body.items].map((item: Item) => item.id);
    expect(ids).toEqual((await expectedIds('', 'created_at desc, id desc')).slice(0, 14));
  });

  it('never shows the cases of another tenant', async () => {
    const pages = await everyPage('?q=foreign', 200);

    expect(pages.flat()).toEqual([]);
  });
});

describe('GET /api/v1/cases: filters', () => {
  it.each([
    ['state=approved', `and state = 'approved'`],
    ['requester=req-3', `and requester = 'req-3'`],
    ['assignee=asg-1', `and assignee = 'asg-1'`],
    ['workflowKey=purchase-request', `and definition_key = 'purchase-request'`],
    [
      'createdFrom=2026-01-01T00:00:10Z&createdTo=2026-01-01T00:00:20Z',
      `and created_at >= '2026-01-01T00:00:10Z' and created_at < '2026-01-01T00:00:20Z'`,
    ],
    ['state=submitted&requester=req-1', `and state = 'submitted' and requester = 'req-1'`],
  ])('with %s finds exactly the matching cases', async (query, where) => {
    const pages = await everyPage(`?${query}&sort=createdAt`, 11);

    expect(pages.flat().map((item) => item.id)).toEqual(await expectedIds(where, 'created_at, id'));
  });

  it('finds no case of a workflow nobody published', async () => {
    expect((await list('?workflowKey=unheard-of')).body.items).toEqual([]);
  });

  it('searches titles by word prefixes, case-insensitively, every word required', async () => {
    await api.open({ title: 'Ergonomic Office Chair' });
    await api.open({ title: 'Office laptop stand' });

    const chairs = await list('?q=OFF%20chai');
    const offices = await list('?q=office');
    const none = await list('?q=chair%20stand');

    expect(chairs.body.items.map((item: Item) => item.title)).toEqual(['Ergonomic Office Chair']);
    expect(offices.body.items.map((item: Item) => item.title).sort()).toEqual([
      'Ergonomic Office Chair',
      'Office laptop stand',
    ]);
    expect(none.body.items).toEqual([]);
  });

  it('takes punctuation in a search as a word break, not as query syntax', async () => {
    const res = await list(`?q=${encodeURIComponent("bulk & !(item | ') 7")}`);

    expect(res.status).toBe(200);
    expect(res.body.items.map((item: Item) => item.title)).toContain('Bulk item 7');
  });
});

describe('GET /api/v1/cases: refusals', () => {
  async function firstCursor(query: string): Promise<string> {
    return String((await list(`${query}${query === '' ? '?' : '&'}limit=3`)).body.nextCursor);
  }

  it('refuses a cursor altered in any character with 400 invalid_cursor', async () => {
    const cursor = await firstCursor('');
    const positions = [0, Math.floor(cursor.length / 2), cursor.length - 1];

    for (const at of positions) {
      const swapped = cursor[at] === 'A' ? 'B' : 'A';
      const tampered = `${cursor.slice(0, at)}${swapped}${cursor.slice(at + 1)}`;
      const res = await list(`?limit=3&cursor=${encodeURIComponent(tampered)}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.body.code).toBe('invalid_cursor');
    }
  });

  it.each([
    ['another filter', '?state=draft'],
    ['another sort', '?sort=updatedAt'],
    ['a filter added', '?q=bulk'],
  ])('refuses a cursor replayed with %s', async (_what, query) => {
    const cursor = await firstCursor('');

    const res = await list(`${query}&cursor=${encodeURIComponent(cursor)}`);

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_cursor');
  });

  it('refuses something that is not a cursor at all', async () => {
    for (const cursor of ['x', 'a.b.c', 'eyJ9.', '.']) {
      expect((await list(`?cursor=${encodeURIComponent(cursor)}`)).body.code).toBe('invalid_cursor');
    }
  });

  it.each(['limit=0', 'limit=201', 'limit=abc', 'sort=title', 'createdFrom=yesterday', 'colour=red'])(
    'refuses %s with 400 validation_failed',
    async (query) => {
      const res = await list(`?${query}`);

      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    },
  );

  it('refuses createdTo before createdFrom and a search without any word', async () => {
    const range = await list('?createdFrom=2026-02-01T00:00:00Z&createdTo=2026-01-01T00:00:00Z');
    const wordless = await list('?q=%26%21');

    expect(range.body.errors).toEqual([expect.objectContaining({ pointer: '/query/createdTo' })]);
    expect(wordless.body.errors).toEqual([expect.objectContaining({ pointer: '/query/q' })]);
  });
});

describe('case list queries', () => {
  const filters: [string, CasePageQuery['filter']][] = [
    ['no filter', {}],
    ['workflow', { workflowKey: 'purchase-request' }],
    ['state', { state: 'draft' }],
    ['requester', { requester: 'req-1' }],
    ['assignee', { assignee: 'asg-1' }],
  ];
  const orders: CasePageQuery['order'][] = [
    { by: 'createdAt', direction: 'desc' },
    { by: 'updatedAt', direction: 'asc' },
  ];

  it.each(filters.flatMap(([name, filter]) => orders.map((order) => [name, order.by, filter, order] as const)))(
    'read %s sorted by %s from an index in order, with no sort step',
    async (_name, _by, filter, order) => {
      const sql = casePageSql(em(), { tenantId, filter, order, limit: 20 });

      const plan = await em().transactional(async (tx) => {
        await tx.execute('set local enable_seqscan = off');
        return tx.execute(`explain ${sql}`);
      });

      const text = plan.map((row) => String(row['QUERY PLAN'])).join('\n');
      expect(text).toMatch(/Index (Only )?Scan/);
      expect(text).not.toMatch(/\bSort\b/);
    },
  );
});
