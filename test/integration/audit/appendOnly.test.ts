import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { migrateDatabase } from '../../../shared/db/migrate';
import { ormOptions } from '../../../shared/db/ormOptions';
import type { WorkflowDefinition } from '../../../shared/db/entities';
import { verifyCaseChain } from '../../../shared/db/verifyCaseChain';
import { createTestSchema, uniqueSchemaName, type TestSchema } from '../db/testSchema';
import { openCaseRow, publishExample, rawSql } from './auditFixture';

const APPEND_ONLY = /case_events is append-only: (UPDATE|DELETE|TRUNCATE) is refused/;

let db: TestSchema;
let definition: WorkflowDefinition;
let caseId: string;

beforeAll(async () => {
  db = await createTestSchema('audit_append_only');
  definition = await publishExample(db.em());
  caseId = await db.em().transactional(async (em) => (await openCaseRow(em, definition)).id);
});

afterAll(async () => {
  await db.drop();
});

function events(): string {
  return `"${db.schema}".case_events`;
}

describe('the database refuses to change audit rows', () => {
  it('refuses a raw UPDATE, even from a superuser, with a clear error', async () => {
    const attempt = rawSql(db, `update ${events()} set reason = 'edited' where case_id = ?`, [caseId]);

    await expect(attempt).rejects.toThrow(APPEND_ONLY);
    await expect(attempt).rejects.toMatchObject({ code: '42501' });
  });

  it('refuses a raw DELETE and a TRUNCATE', async () => {
    await expect(rawSql(db, `delete from ${events()} where case_id = ?`, [caseId])).rejects.toThrow(
      /DELETE is refused/,
    );
    await expect(rawSql(db, `truncate ${events()} cascade`)).rejects.toThrow(/TRUNCATE is refused/);
  });

  it('refuses an UPDATE that matches no row too', async () => {
    await expect(rawSql(db, `update ${events()} set reason = 'x' where false`)).rejects.toThrow(APPEND_ONLY);
  });

  it('still refuses in replica mode, which skips ordinary triggers', async () => {
    const attempt = db.em().transactional(async (em) => {
      await em.execute(`set local session_replication_role = replica`);
      await em.execute(`update ${events()} set reason = 'edited' where case_id = ?`, [caseId]);
    });

    await expect(attempt).rejects.toThrow(APPEND_ONLY);
  });

  it('leaves every event as it was after the refused attempts', async () => {
    expect(await verifyCaseChain(db.em(), caseId)).toMatchObject({ valid: true, events: 1 });
  });

  it('revokes UPDATE, DELETE and TRUNCATE from PUBLIC and from the role that migrated (the owner)', async () => {
    const grants = await rawSql(
      db,
      `select coalesce(r.rolname, 'PUBLIC') as grantee, a.privilege_type as privilege
         from pg_class c cross join lateral aclexplode(c.relacl) a left join pg_roles r on r.oid = a.grantee
        where c.oid = ?::regclass`,
      [`"${db.schema}".case_events`],
    );
    const held = grants.map((g) => `${String(g['grantee'])}:${String(g['privilege'])}`);

    expect(held).toEqual(expect.arrayContaining(['postgres:SELECT', 'postgres:INSERT']));
    expect(held.filter((h) => /:(UPDATE|DELETE|TRUNCATE)$/.test(h))).toEqual([]);
  });

  it('refuses an inserted event that does not link to the one before it', async () => {
    const [first] = await rawSql(db, `select * from ${events()} where case_id = ?`, [caseId]);
    const forged = (sequence: number, prevHash: string | null) =>
      rawSql(
        db,
        `insert into ${events()} (id, case_id, sequence, type, actor_type, tenant_id, to_state, payload, after,
            changed_fields, occurred_at, prev_hash, hash)
         values (gen_random_uuid(), ?, ?, 'case.commented', 'user', 'tenant-audit', 'draft', '{}', '{}', '[]', now(), ?, ?)`,
        [caseId, sequence, prevHash, 'f'.repeat(64)],
      );

    await expect(forged(2, 'e'.repeat(64))).rejects.toThrow(/event 2 of case .* does not link to the event before it/);
    await expect(forged(3, String(first?.['hash']))).rejects.toThrow(/does not link/);
    await expect(forged(2, String(first?.['hash']))).resolves.toBeDefined();
  });
});

describe('the application role', () => {
  const role = `t_audit_app_${randomBytes(4).toString('hex')}`;
  const schema = uniqueSchemaName('audit_role');
  let app: MikroORM;
  let appCaseId: string;

  beforeAll(async () => {
    await rawSql(db, `create role "${role}" login`);
    const url = new URL(db.databaseUrl);
    await rawSql(db, `grant create on database "${url.pathname.slice(1)}" to "${role}"`);
    url.username = role;
    await migrateDatabase({ databaseUrl: url.toString(), schema });
    app = await MikroORM.init(ormOptions({ databaseUrl: url.toString(), schema, poolSize: 2 }));
    const published = await publishExample(app.em.fork(), 'role-owned');
    appCaseId = await app.em.fork().transactional(async (em) => (await openCaseRow(em, published)).id);
  });

  afterAll(async () => {
    await app?.close();
    await rawSql(db, `drop schema if exists "${schema}" cascade`);
    await rawSql(db, `drop owned by "${role}"`);
    await rawSql(db, `drop role if exists "${role}"`);
  });

  function asApp(sql: string) {
    return app.em.getConnection().execute(sql, [appCaseId]);
  }

  it('owns the tables it migrated but may not UPDATE or DELETE audit rows', async () => {
    const [owner] = await rawSql(
      db,
      `select tableowner from pg_tables where schemaname = ? and tablename = 'case_events'`,
      [schema],
    );
    expect(owner?.['tableowner']).toBe(role);

    await expect(asApp(`update "${schema}".case_events set reason = 'x' where case_id = ?`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(asApp(`delete from "${schema}".case_events where case_id = ?`)).rejects.toThrow(/permission denied/);
  });

  it('is still refused by the trigger after granting itself the privileges back', async () => {
    await app.em.getConnection().execute(`grant update, delete on "${schema}".case_events to current_user`);

    await expect(asApp(`update "${schema}".case_events set reason = 'x' where case_id = ?`)).rejects.toThrow(
      APPEND_ONLY,
    );
    await expect(asApp(`delete from "${schema}".case_events where case_id = ?`)).rejects.toThrow(APPEND_ONLY);
  });
});

describe('dropping a test schema', () => {
  it('works with audit rows in it: DROP SCHEMA CASCADE deletes no rows one by one', async () => {
    const scratch = await createTestSchema('audit_drop');
    const published = await publishExample(scratch.em());
    await scratch.em().transactional((em) => openCaseRow(em, published));

    await scratch.drop();

    const left = await rawSql(db, `select count(*)::int as n from pg_namespace where nspname = ?`, [scratch.schema]);
    expect(left[0]?.['n']).toBe(0);
  });
});
