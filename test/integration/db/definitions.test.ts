import { definitionVersion, latestDefinitions, publishDefinition } from '../../../shared/db/definitions';
import type { WorkflowDefinition } from '../../../shared/db/entities';
import type { WorkflowDefinitionDocument } from '../../../shared/workflow/definitionSchema';
import { purchaseRequestDefinition } from '../../unit/workflow/definitions';
import { createTestSchema, type TestSchema } from './testSchema';

let db: TestSchema;

beforeAll(async () => {
  db = await createTestSchema('definitions');
});

afterAll(async () => {
  await db.drop();
});

function publish(document: WorkflowDefinitionDocument, by = 'admin-oid'): Promise<WorkflowDefinition> {
  return db.em().transactional((em) => publishDefinition(em, document, by));
}

function withKey(key: string): WorkflowDefinitionDocument {
  return { ...purchaseRequestDefinition(), key };
}

describe('publishDefinition', () => {
  it('publishes a new key as version 1, active, with who published it', async () => {
    const published = await publish(withKey('first'), 'oid-7');

    const stored = await definitionVersion(db.em(), 'first', 1);
    expect(stored).toMatchObject({ key: 'first', version: 1, status: 'active', publishedBy: 'oid-7' });
    expect(stored?.document).toEqual(withKey('first'));
    expect(stored?.publishedAt.getTime()).toBe(published.publishedAt.getTime());
  });

  it('gives an existing key the next version and leaves the earlier ones as they were', async () => {
    await publish(withKey('growing'));
    await publish({ ...withKey('growing'), title: 'Second' });

    expect((await definitionVersion(db.em(), 'growing', 1))?.title).toBe('Purchase request');
    expect((await definitionVersion(db.em(), 'growing', 2))?.title).toBe('Second');
  });

  it('gives concurrent publishers of one key distinct consecutive versions', async () => {
    const published = await Promise.all([1, 2, 3, 4, 5].map(() => publish(withKey('contended'))));

    expect(published.map((d) => d.version).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('definition lookups', () => {
  it('lists the latest version of every key', async () => {
    await publish(withKey('list-a'));
    await publish(withKey('list-b'));
    await publish({ ...withKey('list-b'), title: 'B two' });

    const latest = (await latestDefinitions(db.em())).filter((d) => d.key.startsWith('list-'));

    expect(latest.map((d) => [d.key, d.version, d.title])).toEqual([
      ['list-a', 1, 'Purchase request'],
      ['list-b', 2, 'B two'],
    ]);
  });

  it('finds nothing for a key never published', async () => {
    expect(await definitionVersion(db.em(), 'never', 1)).toBeNull();
  });
});
