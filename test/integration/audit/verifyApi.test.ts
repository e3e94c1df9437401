import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import { AuditEventTypes } from '../../../shared/db/auditEventSchemas';
import { eventHash } from '../../../shared/db/auditHash';
import { appendCaseEvent } from '../../../shared/db/caseEvents';
import { Case, type WorkflowDefinition } from '../../../shared/db/entities';
import { ormOptions } from '../../../shared/db/ormOptions';
import { storedEventPage } from '../../../shared/db/storedEvents';
import { startTestApp, type TestApp } from '../../support/app';
import { ownRedisPrefix, type OwnRedisPrefix } from './ownRedisPrefix';
import { openCaseRow, publishExample, tamper, user } from './auditFixture';

let app: TestApp;
let redisPrefix: OwnRedisPrefix;
let orm: MikroORM;
let definition: WorkflowDefinition;
let tenant: string;
let tokens: { auditor: string; admin: string; reader: string };

beforeAll(async () => {
  redisPrefix = ownRedisPrefix('verify');
  app = await startTestApp();
  orm = await MikroORM.init(ormOptions({ databaseUrl: process.env['DATABASE_URL']!, schema: app.schema, poolSize: 2 }));
  definition = await publishExample(em());
  tenant = app.identity.provider.tenantId;
  tokens = {
    auditor: await app.token({ user: 'audrey', roles: ['Signoff.Auditor'] }),
    admin: await app.token({ user: 'ada', roles: ['Signoff.Admin'], acrs: ['c1'] }),
    reader: await app.token({ user: 'rex', roles: ['Signoff.Reader'] }),
  };
});

afterAll(async () => {
  await orm?.close();
  await app?.close();
  await redisPrefix.release();
});

function em(): EntityManager {
  return orm.em.fork();
}

/** A case of the app's tenant, opened and submitted, with a comment: three events. */
async function caseWithHistory(): Promise<string> {
  return em().transactional(async (tx) => {
    const row = await openCaseRow(tx, definition, { tenant, data: { amount: 1450, currency: 'EUR' } });
    const rita = user('rita', 'req-submit', tenant);
    row.state = 'submitted';
    await appendCaseEvent(tx, {
      caseId: row.id,
      type: AuditEventTypes.Transitioned,
      actor: rita,
      transition: 'submit',
    });
    await appendCaseEvent(tx, {
      caseId: row.id,
      type: AuditEventTypes.Commented,
      actor: rita,
      payload: { comment: 'hi' },
    });
    return row.id;
  });
}

function verify(caseId: string, token = tokens.auditor) {
  return app.request('GET', `/api/v1/cases/${caseId}/audit/verify`, { token });
}

function events(): string {
  return `"${app.schema}".case_events`;
}

describe('GET /api/v1/cases/{caseId}/audit/verify', () => {
  it('reports an untouched chain valid, with its length and head hash', async () => {
    const id = await caseWithHistory();
    const stored = await storedEventPage(em(), id, 0);

    const res = await verify(id);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      caseId: id,
      valid: true,
      events: 3,
      headSequence: 3,
      headHash: stored[2]?.hash,
      firstBrokenLink: null,
    });
  });

  it('reports an event a superuser edited behind the triggers, at that event', async () => {
    const id = await caseWithHistory();
    const [, second] = await storedEventPage(em(), id, 0);
    await tamper(em(), app.schema, `update ${events()} set reason = 'approved by the board' where id = ?`, [
      second?.id,
    ]);

    const res = await verify(id);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      valid: false,
      events: 2,
      headSequence: 1,
      firstBrokenLink: { sequence: 2, eventId: second?.id, reason: 'hash_mismatch' },
    });
  });

  it('notices a change of one microsecond in a stored time', async () => {
    const id = await caseWithHistory();
    const [first] = await storedEventPage(em(), id, 0);
    const sql = `update ${events()} set occurred_at = occurred_at + interval '1 microsecond' where id = ?`;
    await tamper(em(), app.schema, sql, [first?.id]);

    expect((await verify(id)).body.firstBrokenLink).toEqual({
      sequence: 1,
      eventId: first?.id,
      reason: 'hash_mismatch',
    });
  });

  it('notices an edit that rewrote the hash too, at the next link', async () => {
    const id = await caseWithHistory();
    const [, second, third] = await storedEventPage(em(), id, 0);
    const { hash: original, ...fields } = second!;
    const forged = { ...fields, payload: { forged: true } };
    expect(eventHash(forged)).not.toBe(original);
    const sql = `update ${events()} set payload = ?::jsonb, hash = ? where id = ?`;
    await tamper(em(), app.schema, sql, [JSON.stringify(forged.payload), eventHash(forged), second?.id]);

    expect((await verify(id)).body.firstBrokenLink).toEqual({
      sequence: 3,
      eventId: third?.id,
      reason: 'prev_hash_mismatch',
    });
  });

  it('notices a deleted event as a gap in the sequence', async () => {
    const id = await caseWithHistory();
    const [, second, third] = await storedEventPage(em(), id, 0);
    await tamper(em(), app.schema, `delete from ${events()} where id = ?`, [second?.id]);

    expect((await verify(id)).body.firstBrokenLink).toEqual({
      sequence: 3,
      eventId: third?.id,
      reason: 'sequence_gap',
    });
  });

  it('reports a case whose every event was deleted as broken', async () => {
    const id = await caseWithHistory();
    await tamper(em(), app.schema, `delete from ${events()} where case_id = ?`, [id]);

    expect((await verify(id)).body).toMatchObject({
      valid: false,
      events: 0,
      headHash: null,
      firstBrokenLink: { sequence: 1, eventId: null, reason: 'chain_empty' },
    });
  });

  it('is for auditors: an admin without the auditor role and a reader get 403', async () => {
    const id = await caseWithHistory();

    expect((await verify(id, tokens.admin)).status).toBe(403);
    expect((await verify(id, tokens.reader)).status).toBe(403);
  });

  it("answers 404 for another tenant's case and for a case that does not exist", async () => {
    const other = '00000000-0000-4000-8000-0000000000ff';
    const foreign = await em().transactional(async (tx) => (await openCaseRow(tx, definition, { tenant: other })).id);

    expect((await verify(foreign)).status).toBe(404);
    expect((await verify('01900000-0000-7000-8000-000000000000')).status).toBe(404);
  });
});

describe('GET /api/v1/cases/{caseId}/audit', () => {
  it('shows every recorded field of every event, oldest first', async () => {
    const id = await caseWithHistory();
    const row = await em().findOneOrFail(Case, id);

    const res = await app.request('GET', `/api/v1/cases/${id}/audit`, { token: tokens.auditor });

    expect(res.status).toBe(200);
    expect(res.body.items.map((e: { type: string }) => e.type)).toEqual([
      'case.opened',
      'case.transitioned',
      'case.commented',
    ]);
    expect(res.body.items[1]).toMatchObject({
      sequence: 2,
      tenantId: tenant,
      actor: { type: 'user', objectId: 'rita', clientAppId: 'client-app' },
      requestId: 'req-submit',
      transition: 'submit',
      fromState: 'draft',
      toState: 'submitted',
      before: { state: 'draft', data: row.data },
      after: { state: 'submitted', definitionVersion: definition.version },
      changedFields: ['/state'],
      prevHash: res.body.items[0].hash,
    });
    expect(res.body.items[2].payload).toEqual({ comment: 'hi' });
  });

  it('is for auditors only', async () => {
    const id = await caseWithHistory();

    expect((await app.request('GET', `/api/v1/cases/${id}/audit`, { token: tokens.reader })).status).toBe(403);
  });
});
