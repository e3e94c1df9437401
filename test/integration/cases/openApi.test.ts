import { startTestApp, type TestApp } from '../../support/app';

let app: TestApp;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document is read freely
let doc: any;

beforeAll(async () => {
  app = await startTestApp();
  doc = (await app.request('GET', '/api/v1/openapi.json')).body;
});

afterAll(async () => {
  await app.close();
});

function operation(path: string, method: string) {
  return doc.paths[path][method];
}

function headers(path: string, method: string): string[] {
  return operation(path, method)
    .parameters.filter((p: { in?: string }) => p.in === 'header')
    .map((p: { name: string }) => p.name);
}

describe('the cases API in the OpenAPI document', () => {
  it.each([
    ['/v1/cases/{caseId}', 'patch'],
    ['/v1/cases/{caseId}/transitions/{transition}', 'post'],
    ['/v1/cases/{caseId}/assignment', 'post'],
  ])('%s %s requires If-Match and lists 412 and 428', (path, method) => {
    const ifMatch = operation(path, method).parameters.find((p: { name?: string }) => p.name === 'If-Match');

    expect(ifMatch).toMatchObject({ in: 'header', required: true });
    expect(Object.keys(operation(path, method).responses)).toEqual(expect.arrayContaining(['412', '428']));
  });

  it('requires an Idempotency-Key to open a case, and none of the reads asks for If-Match', () => {
    const key = operation('/v1/cases', 'post').parameters.find((p: { name?: string }) => p.name === 'Idempotency-Key');

    expect(key).toMatchObject({ required: true });
    expect(headers('/v1/cases/{caseId}', 'get')).not.toContain('If-Match');
    expect(headers('/v1/cases', 'get')).not.toContain('If-Match');
  });

  it('makes the transition body optional, since an empty one stands for {}', () => {
    expect(operation('/v1/cases/{caseId}/transitions/{transition}', 'post').requestBody.required).toBe(false);
    expect(operation('/v1/cases', 'post').requestBody.required).toBe(true);
  });

  it('documents the list query: filters, sort, limit and cursor', () => {
    const names = operation('/v1/cases', 'get')
      .parameters.filter((p: { in?: string }) => p.in === 'query')
      .map((p: { name: string }) => p.name);

    expect(names).toEqual([
      'workflowKey',
      'state',
      'requester',
      'assignee',
      'createdFrom',
      'createdTo',
      'q',
      'sort',
      'limit',
      'cursor',
    ]);
    expect(Object.keys(operation('/v1/cases', 'get').responses)).toEqual(expect.arrayContaining(['400', '429']));
  });
});
