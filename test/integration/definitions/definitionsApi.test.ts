import { startTestApp, type TestApp } from '../../support/app';
import { purchaseRequestDefinition } from '../../unit/workflow/definitions';

let app: TestApp;
let admin: string;
let reader: string;

beforeAll(async () => {
  app = await startTestApp();
  admin = await app.token({ user: 'ada', roles: ['Signoff.Admin'], acrs: ['c1'] });
  reader = await app.token({ user: 'rex', roles: ['Signoff.Reader'] });
});

afterAll(async () => {
  await app.close();
});

function publish(body: unknown, token = admin) {
  return app.request('POST', '/api/v1/definitions', { token, body });
}

function withKey(key: string) {
  return { ...purchaseRequestDefinition(), key };
}

describe('POST /api/v1/definitions', () => {
  it('publishes a new key as version 1 and says where it lives', async () => {
    const res = await publish(withKey('travel'));

    expect(res.status).toBe(201);
    expect(res.headers['location']).toBe('/api/v1/definitions/travel/versions/1');
    expect(res.body).toMatchObject({ key: 'travel', version: 1, status: 'active', document: withKey('travel') });
    expect(res.body.publishedBy).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('publishes an existing key as its next version', async () => {
    await publish(withKey('expenses'));

    const res = await publish({ ...withKey('expenses'), title: 'Expenses, revised' });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 2, title: 'Expenses, revised' });
  });

  it('lists every problem of an inconsistent definition at once, as 422 definition_invalid', async () => {
    const definition = withKey('broken');
    definition.initialState = 'start';
    definition.transitions.push({ name: 'submit', from: ['approved'], to: 'limbo', roles: ['Signoff.Requester'] });

    const res = await publish(definition);

    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body.code).toBe('definition_invalid');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([
      '/body/initialState',
      '/body/transitions/4/name',
      '/body/transitions/4/to',
      '/body/transitions/4/from/0',
    ]);
  });

  it('refuses text PostgreSQL cannot store as 422 rather than failing', async () => {
    const res = await publish({ ...withKey('nul'), title: 'Bad\u0000title' });

    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/body/title' })]);
  });

  it('answers a document of the wrong shape with 400 validation_failed', async () => {
    const res = await publish({ key: 'Not A Key', states: [] });

    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
  });

  it('is for admins only', async () => {
    const res = await publish(withKey('sneaky'), reader);

    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
  });
});

describe('reading definitions', () => {
  beforeAll(async () => {
    await publish(withKey('reading'));
    await publish({ ...withKey('reading'), title: 'Reading two' });
  });

  it('lists the latest version of each key, without documents', async () => {
    const res = await app.request('GET', '/api/v1/definitions', { token: reader });

    expect(res.status).toBe(200);
    const reading = res.body.items.find((d: { key: string }) => d.key === 'reading');
    expect(reading).toMatchObject({ version: 2, title: 'Reading two' });
    expect(reading.document).toBeUndefined();
  });

  it('gives the latest version of a key', async () => {
    const res = await app.request('GET', '/api/v1/definitions/reading', { token: reader });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ key: 'reading', version: 2 });
  });

  it('gives an earlier version unchanged', async () => {
    const res = await app.request('GET', '/api/v1/definitions/reading/versions/1', { token: reader });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, title: 'Purchase request' });
  });

  it('answers 404 for a key or version that does not exist', async () => {
    const missingKey = await app.request('GET', '/api/v1/definitions/nothing', { token: reader });
    const missingVersion = await app.request('GET', '/api/v1/definitions/reading/versions/9', { token: reader });

    expect([missingKey.status, missingVersion.status]).toEqual([404, 404]);
    expect(missingVersion.body.code).toBe('not_found');
  });
});
