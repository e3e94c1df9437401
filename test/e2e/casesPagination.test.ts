import { MikroORM } from '@mikro-orm/postgresql';
import { Roles } from '../../shared/auth/roles';
import { ormOptions } from '../../shared/db/ormOptions';
import { DEV_TENANT_ID } from '../../devhost/identity/defaults';
import { startCasesDevhost, type CasesDevhost } from './casesClient';

jest.setTimeout(180_000);

const EXISTING = 10_000;
let host: CasesDevhost;
let reader: string;
let requester: string;

/** 10,000 cases in the devhost's schema, created over the last hours, some sharing a timestamp. */
async function insertExisting(schema: string): Promise<void> {
  const orm = await MikroORM.init(ormOptions({ databaseUrl: process.env['DATABASE_URL']!, schema, poolSize: 1 }));
  try {
    await orm.em.getConnection().execute(
      `insert into "${schema}".cases (id, tenant_id, definition_key, definition_version, state, title, data,
          requester, assignee, version, round, created_at, updated_at)
       select gen_random_uuid(), ?, 'purchase-request', 1, 'draft', 'Existing ' || i, '{}'::jsonb, 'someone', null,
          1, 1, now() - interval '3 hours' + (i / 4) * interval '1 second', now() - interval '1 hour'
         from generate_series(1, ?) as i`,
      [DEV_TENANT_ID, EXISTING],
    );
    await orm.em.getConnection().execute(`analyze "${schema}".cases`);
  } finally {
    await orm.close();
  }
}

beforeAll(async () => {
  host = await startCasesDevhost('cases-pages');
  reader = await host.token('rex', [Roles.Reader]);
  requester = await host.token('rita', [Roles.Requester]);
  await insertExisting(host.devhost.schema);
}, 120_000);

afterAll(async () => {
  await host?.stop();
});

/** Opens cases one after another until `done` says stop; answers how many it opened. */
async function keepOpening(done: () => boolean): Promise<number> {
  let opened = 0;
  while (!done()) {
    const res = await host.open(requester, `New ${opened}`, 10);
    expect(res.status).toBe(201);
    opened += 1;
  }
  return opened;
}

async function allPages(sort: string): Promise<{ ids: string[]; titles: string[]; pages: number }> {
  const ids: string[] = [];
  const titles: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const after: string = cursor === null ? '' : `&cursor=${cursor}`;
    const res = await host.send('GET', `/api/v1/cases?sort=${sort}&limit=200${after}`, reader);
    expect(res.status).toBe(200);
    for (const item of res.body.items as { id: string; title: string }[]) {
      ids.push(item.id);
      titles.push(item.title);
    }
    cursor = res.body.nextCursor;
    pages += 1;
  } while (cursor !== null);
  return { ids, titles, pages };
}

describe('paging through 10,000 cases over HTTP while new ones are being opened', () => {
  it.each(['-createdAt', 'createdAt'])('sorted by %s, gives every existing case exactly once', async (sort) => {
    let finished = false;
    const opening = keepOpening(() => finished);

    const walk = await allPages(sort).finally(() => (finished = true));
    const opened = await opening;

    expect(new Set(walk.ids).size).toBe(walk.ids.length);
    const existing = walk.titles.filter((title) => title.startsWith('Existing '));
    expect(existing).toHaveLength(EXISTING);
    expect(new Set(existing).size).toBe(EXISTING);
    expect(walk.pages).toBeGreaterThanOrEqual(EXISTING / 200);
    expect(opened).toBeGreaterThan(0);
  });

  it('refuses a tampered cursor with 400 invalid_cursor', async () => {
    const first = await host.send('GET', '/api/v1/cases?limit=200', reader);
    const cursor = String(first.body.nextCursor);
    const [payload, signature] = cursor.split('.') as [string, string];
    const forged = Buffer.from(
      JSON.stringify(['v1', '2099-01-01 00:00:00+00', '00000000-0000-0000-0000-000000000000']),
    );

    const altered = await host.send(
      'GET',
      `/api/v1/cases?limit=200&cursor=${forged.toString('base64url')}.${signature}`,
      reader,
    );
    const resigned = await host.send('GET', `/api/v1/cases?limit=200&cursor=${payload}.${signature.slice(1)}A`, reader);

    for (const res of [altered, resigned]) {
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.body.code).toBe('invalid_cursor');
    }
  });
});
