import path from 'node:path';
import { InvocationContext } from '@azure/functions';
import { resetConfig } from '../../../shared/config/load';
import { shutdown } from '../../../shared/config/lifecycle';
import { loadModules } from '../../../devhost/loadApp';
import { scheduleNcrontab, timerInfo } from '../../../devhost/timers';
import { IDEMPOTENCY_PURGE_SCHEDULE } from '../../../functions/maintenance';
import { createTestSchema, type TestSchema } from '../db/testSchema';

const maintenance = path.join(__dirname, '../../../functions/maintenance.ts');
let db: TestSchema;

beforeAll(async () => {
  db = await createTestSchema('maintenance');
  process.env['DATABASE_SCHEMA'] = db.schema;
  resetConfig();
});

afterAll(async () => {
  await shutdown();
  await db.drop();
  delete process.env['DATABASE_SCHEMA'];
  resetConfig();
});

async function insertRecord(id: string, expiresIn: string): Promise<void> {
  await db.em().execute(
    `insert into "${db.schema}".idempotency_keys (id, tenant_id, principal_id, method, route, key, fingerprint, state,
      expires_at) values (?, 't', 'p', 'POST', '/api/v1/cases', ?, 'f', 'in_flight', now() + ?::interval)`,
    [id, id, expiresIn],
  );
}

describe('purgeIdempotencyKeys timer', () => {
  it('is registered on a six-field NCRONTAB schedule, at minute 17 of every hour', () => {
    const { timers } = loadModules([maintenance]);
    const timer = timers.find((t) => t.name === 'purgeIdempotencyKeys');

    expect(timer?.schedule).toBe(IDEMPOTENCY_PURGE_SCHEDULE);
    const cron = scheduleNcrontab(timer!.schedule, timer!.name, async () => undefined);
    const next = cron.nextRun(new Date('2026-12-03T10:20:00Z'));
    cron.stop();
    expect(next?.toISOString()).toBe('2026-12-03T11:17:00.000Z');
  });

  it('deletes the expired records when it runs, and keeps the live ones', async () => {
    await insertRecord('expired', '-1 minute');
    await insertRecord('live', '1 hour');
    const timer = loadModules([maintenance]).timers.find((t) => t.name === 'purgeIdempotencyKeys')!;
    const context = new InvocationContext({ functionName: timer.name, logHandler: () => undefined });

    const now = new Date();
    await timer.handler(timerInfo(now, null, now), context);

    const rows = await db.em().execute<{ id: string }[]>(`select id from "${db.schema}".idempotency_keys`);
    expect(rows.map((r) => r.id)).toEqual(['live']);
  });
});
