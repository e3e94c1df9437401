import { Problem } from '../../../shared/http/problem';
import { definitionVersions, publishDefinition, retireVersion } from '../../../shared/db/definitions';
import { definitionForNewCase } from '../../../shared/db/newCaseDefinition';
import { purchaseRequestDefinition } from '../../unit/workflow/definitions';
import { createTestSchema, type TestSchema } from '../db/testSchema';
import { rawSql } from '../audit/auditFixture';

let db: TestSchema;

beforeAll(async () => {
  db = await createTestSchema('definition_versions');
});

afterAll(async () => {
  await db.drop();
});

function publish(key: string, title = 'Purchase request') {
  return db.em().transactional((em) => publishDefinition(em, { ...purchaseRequestDefinition(), key, title }, 'admin'));
}

function retire(key: string, version: number, by = 'admin-2') {
  return db.em().transactional((em) => retireVersion(em, key, version, by));
}

function forNewCase(key: string) {
  return db.em().transactional((em) => definitionForNewCase(em, key, '/body/workflowKey'));
}

describe('definitionVersions', () => {
  it('lists every version of a key, oldest first, whatever its status', async () => {
    await publish('listed', 'One');
    await publish('listed', 'Two');
    await retire('listed', 1);

    const versions = await definitionVersions(db.em(), 'listed');

    expect(versions.map((v) => [v.version, v.title, v.status])).toEqual([
      [1, 'One', 'retired'],
      [2, 'Two', 'active'],
    ]);
  });
});

describe('retireVersion', () => {
  it('retires an active version and records who did it and when', async () => {
    await publish('retired-once');

    const outcome = await retire('retired-once', 1, 'oid-9');

    expect(outcome).toMatchObject({ retired: true, definition: { status: 'retired', retiredBy: 'oid-9' } });
    expect(outcome?.definition.retiredAt).toBeInstanceOf(Date);
  });

  it('leaves the first retirement standing when asked again', async () => {
    await publish('retired-twice');
    const first = await retire('retired-twice', 1, 'first');

    const second = await retire('retired-twice', 1, 'second');

    expect(second).toMatchObject({ retired: false, definition: { retiredBy: 'first' } });
    expect(second?.definition.retiredAt?.getTime()).toBe(first?.definition.retiredAt?.getTime());
  });

  it('answers null for a version that does not exist', async () => {
    expect(await retire('nowhere', 1)).toBeNull();
  });
});

describe('definitionForNewCase', () => {
  it('is the latest version while it is active', async () => {
    await publish('opening');
    await publish('opening');
    await retire('opening', 1);

    expect((await forNewCase('opening')).version).toBe(2);
  });

  it('refuses a key whose latest version is retired, without falling back to an older one', async () => {
    await publish('closed');
    await publish('closed');
    await retire('closed', 2);

    const attempt = forNewCase('closed');

    await expect(attempt).rejects.toBeInstanceOf(Problem);
    await expect(attempt).rejects.toMatchObject({ code: 'definition_retired', status: 409 });
  });

  it('refuses a key never published with 422 at the given pointer', async () => {
    await expect(forNewCase('unheard')).rejects.toMatchObject({
      code: 'unprocessable',
      errors: [{ pointer: '/body/workflowKey', message: 'no definition with this key' }],
    });
  });

  it('makes a retirement wait until a case opening on the version has committed', async () => {
    await publish('racing');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));

    const opening = db.em().transactional(async (em) => {
      await definitionForNewCase(em, 'racing', '/x');
      locked();
      await held;
    });
    await lockTaken;
    let retiredAt: number | undefined;
    const retiring = retire('racing', 1).then(() => (retiredAt = Date.now()));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const committedAt = Date.now();
    expect(retiredAt).toBeUndefined();
    release();
    await opening;
    await retiring;

    expect(retiredAt).toBeGreaterThanOrEqual(committedAt);
  });
});

describe('the database keeps published versions as they were', () => {
  beforeAll(async () => {
    await publish('guarded');
  });

  const table = () => `"${db.schema}".workflow_definitions`;

  it('refuses to change a published document or title', async () => {
    await expect(rawSql(db, `update ${table()} set document = '{}' where key = 'guarded'`)).rejects.toThrow(
      /a published version is immutable/,
    );
    await expect(rawSql(db, `update ${table()} set title = 'x' where key = 'guarded'`)).rejects.toThrow(/immutable/);
  });

  it('refuses to delete a version or to bring a retired one back', async () => {
    await expect(rawSql(db, `delete from ${table()} where key = 'guarded'`)).rejects.toThrow(/never deleted/);
    await retire('guarded', 1);
    await expect(rawSql(db, `update ${table()} set status = 'active' where key = 'guarded'`)).rejects.toThrow(
      /stays retired/,
    );
  });
});
