import { findCaseToShow, openCase } from '../../../shared/db/cases';
import { definitionDocument } from '../../../shared/db/definitionDocuments';
import { publishDefinition } from '../../../shared/db/definitions';
import type { WorkflowDefinition } from '../../../shared/db/entities';
import { caseView } from '../../../shared/cases/caseResource';
import { purchaseRequestDefinition } from '../../unit/workflow/definitions';
import { createTestSchema, type TestSchema } from '../db/testSchema';

const TENANT = 'tenant-a';
const requester = {
  type: 'user',
  oid: 'rita',
  tenantId: TENANT,
  clientAppId: 'client-app',
  requestId: 'req-1',
} as const;

let db: TestSchema;
let definition: WorkflowDefinition;

beforeAll(async () => {
  db = await createTestSchema('case_to_show');
  definition = await db.em().transactional((em) => publishDefinition(em, purchaseRequestDefinition(), 'admin'));
});

afterAll(async () => {
  await db.drop();
});

describe('showing a case without loading its definition', () => {
  it('finds the case with its definition left as an unloaded reference', async () => {
    const opened = await db
      .em()
      .transactional((em) => openCase(em, { definition, title: 'Desk', data: {} }, requester));
    const row = await findCaseToShow(db.em(), TENANT, opened.case.id);
    expect(row?.definition.isInitialized()).toBe(false);
    expect(row?.definition.unwrap()).toMatchObject({ key: definition.key, version: definition.version });
  });

  it('finds nothing for a case of another tenant', async () => {
    const opened = await db
      .em()
      .transactional((em) => openCase(em, { definition, title: 'Desk', data: {} }, requester));
    expect(await findCaseToShow(db.em(), 'tenant-b', opened.case.id)).toBeNull();
  });

  it('shows the same view as a case read with its definition loaded', async () => {
    const opened = await db
      .em()
      .transactional((em) => openCase(em, { definition, title: 'Desk', data: {} }, requester));
    const em = db.em();
    const row = (await findCaseToShow(em, TENANT, opened.case.id))!;
    const loaded = await db.em().transactional((tx) => caseView(tx, opened.case));
    expect(await caseView(em, row)).toEqual(loaded);
    expect((await caseView(em, row)).nextTransitions).toEqual(['submit']);
  });

  it('reads a published version document once and hands back the kept one afterwards', async () => {
    const first = await definitionDocument(db.em(), definition.key, definition.version);
    const second = await definitionDocument(db.em(), definition.key, definition.version);
    expect(first).toEqual(definition.document);
    expect(second).toBe(first);
  });

  it('refuses a version that was never published', async () => {
    await expect(definitionDocument(db.em(), definition.key, definition.version + 1)).rejects.toThrow();
  });
});
