import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Type } from '@sinclair/typebox';
import { API_INFO } from '../../../shared/http/apiInfo';
import { defineEndpoint } from '../../../shared/http/endpoint';
import { buildOpenApiDocument } from '../../../shared/http/openapi';
import { Problem, problemBody } from '../../../shared/http/problem';
import { ProblemSchema } from '../../../shared/http/problemSchema';
import { ajv } from '../../../shared/http/validation';
import { boom, createNote, fixtureEndpoints, listNotes, PersonSchema } from '../../support/fixtures/httpEndpoints';

const METADATA_URL = 'https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration';
const document = buildOpenApiDocument(fixtureEndpoints, { metadataUrl: METADATA_URL });
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the document is read freely here
type Loose = any;
const doc = document as Loose;
const validProblem = ajv.compile(JSON.parse(JSON.stringify({ ...ProblemSchema, $id: undefined })));

function operation(route: string, method: string) {
  return doc.paths[route][method];
}

describe('buildOpenApiDocument', () => {
  test('every endpoint becomes one operation named after its spec, at its route without constraints', () => {
    const ids = Object.values(doc.paths).flatMap((item) => Object.values(item as object).map((op) => op.operationId));

    expect(ids.sort()).toEqual(fixtureEndpoints.map((spec) => spec.name).sort());
    expect(operation('/fixtures/notes/{noteId}', 'post').operationId).toBe(createNote.name);
  });

  test('paths lie below the server URL, which is the /api route prefix', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers).toEqual([{ url: '/api', description: expect.any(String) }]);
  });

  test('the info version is the package version', () => {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as { version: string };

    expect(doc.info.version).toBe(pkg.version);
    expect(doc.info.title).toBe(API_INFO.title);
  });

  test('path and query parameters come from the params and query schemas, required as declared', () => {
    const parameters = operation('/fixtures/notes/{noteId}', 'post').parameters;

    expect(parameters).toEqual([
      {
        name: 'noteId',
        in: 'path',
        required: true,
        description: 'The note id.',
        schema: { type: 'string', format: 'uuid', description: 'The note id.' },
      },
      { name: 'dryRun', in: 'query', required: false, schema: { type: 'boolean' } },
      { $ref: '#/components/parameters/RequestId' },
    ]);
    const limit = operation('/fixtures/notes', 'get').parameters.find((p: { name: string }) => p.name === 'limit');
    expect(limit).toMatchObject({ in: 'query', required: true, schema: { type: 'integer', default: 20 } });
  });

  test('a named schema is hoisted once into components and referenced wherever it is used', () => {
    const body = operation('/fixtures/notes/{noteId}', 'post').requestBody;

    expect(body).toEqual({
      required: true,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/FixtureNote' } } },
    });
    expect(doc.components.schemas.FixtureNote.properties.author).toEqual({
      $ref: '#/components/schemas/FixturePerson',
    });
    expect(doc.components.schemas.FixtureNote.properties.reviewers.items).toEqual({
      $ref: '#/components/schemas/FixturePerson',
    });
  });

  test('the documented schema is the validating TypeBox object itself, minus its $id', () => {
    const plain = JSON.parse(JSON.stringify(PersonSchema)) as Record<string, unknown>;
    delete plain['$id'];

    expect(doc.components.schemas.FixturePerson).toEqual(plain);
    expect(PersonSchema.$id).toBe('FixturePerson');
  });

  test('tuples are written with prefixItems, as OpenAPI 3.1 reads them', () => {
    const position = doc.components.schemas.FixtureNote.properties.position;

    expect(position).toMatchObject({ type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }] });
    expect(position.items).toEqual({ not: {} });
  });

  test('a public GET without input documents only the 500 problem', () => {
    const responses = operation('/fixtures/boom', 'get').responses;

    expect(Object.keys(responses).sort()).toEqual(['200', '500']);
  });

  test('an endpoint with a JSON body documents malformed JSON, validation, size and media type problems', () => {
    const responses = operation('/fixtures/notes/{noteId}', 'post').responses;

    expect(Object.keys(responses).sort()).toEqual(['201', '400', '413', '415', '500']);
    expect(Object.keys(responses['400'].content['application/problem+json'].examples)).toEqual([
      'malformed_json',
      'validation_failed',
    ]);
  });

  test('a protected, idempotent, step-up endpoint documents every pipeline problem plus its own', () => {
    const responses = operation('/fixtures/notes/{noteId}/archive', 'post').responses;
    const codes = (status: string) => Object.keys(responses[status].content['application/problem+json'].examples);

    expect(Object.keys(responses).sort()).toEqual(
      ['204', '400', '401', '403', '404', '409', '412', '413', '422', '429', '500', '503'].sort(),
    );
    expect(codes('401')).toEqual(['invalid_token', 'step_up_required', 'token_revoked', 'unauthenticated']);
    expect(codes('400')).toEqual(['idempotency_key_required', 'validation_failed']);
    expect(responses['429'].headers['Retry-After']).toEqual({ $ref: '#/components/headers/RetryAfter' });
    expect(responses['401'].headers['WWW-Authenticate']).toBeDefined();
  });

  test('every problem response is application/problem+json referencing the shared Problem schema', () => {
    for (const item of Object.values(doc.paths)) {
      for (const op of Object.values(item as Record<string, { responses: Record<string, Loose> }>)) {
        for (const [status, response] of Object.entries(op.responses).filter(([s]) => Number(s) >= 400)) {
          expect([status, Object.keys(response.content)]).toEqual([status, ['application/problem+json']]);
          expect(response.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
        }
      }
    }
  });

  test('every problem example and every rendered problem body satisfy the Problem schema', () => {
    const examples = Object.values(operation('/fixtures/notes/{noteId}/archive', 'post').responses)
      .flatMap((r: Loose) => Object.values(r.content?.['application/problem+json']?.examples ?? {}))
      .map((e: Loose) => e.value);
    const rendered = problemBody(
      new Problem('validation_failed', { errors: [{ pointer: '/a', message: 'b' }] }),
      '/x',
      'r',
    );

    for (const body of [...examples, rendered]) expect([validProblem(body), validProblem.errors]).toEqual([true, null]);
  });

  test('a 204 success response has no content', () => {
    expect(operation('/fixtures/notes/{noteId}/archive', 'post').responses['204'].content).toBeUndefined();
  });

  test('public endpoints need no security; protected ones need an Entra token and name their role', () => {
    expect(operation('/fixtures/notes', 'get').security).toEqual([]);
    expect(operation('/fixtures/notes/{noteId}/archive', 'post')).toMatchObject({
      security: [{ entra: [] }],
      'x-required-role': 'Signoff.Approver',
    });
    expect(doc.components.securitySchemes.entra).toMatchObject({
      type: 'openIdConnect',
      openIdConnectUrl: METADATA_URL,
    });
  });

  test('an endpoint that takes an Idempotency-Key documents the header, required as declared', () => {
    const header = operation('/fixtures/notes/{noteId}/archive', 'post').parameters.find(
      (p: { name?: string }) => p.name === 'Idempotency-Key',
    );

    expect(header).toMatchObject({ in: 'header', required: true });
    expect(
      operation('/fixtures/notes', 'get').parameters.some((p: { name?: string }) => p.name === 'Idempotency-Key'),
    ).toBe(false);
  });

  test('tags list every tag the operations use', () => {
    expect(doc.tags.map((t: { name: string }) => t.name)).toEqual(['fixtures']);
  });

  test('two endpoints on the same path and method are refused', () => {
    const twin = defineEndpoint({ ...listNotes, name: 'fixtureListNotesAgain' });

    expect(() => buildOpenApiDocument([listNotes, twin], { metadataUrl: METADATA_URL })).toThrow(
      /GET \/fixtures\/notes/,
    );
  });

  test('a route parameter missing from the params schema is refused', () => {
    const loose = defineEndpoint({ ...boom, name: 'fixtureLoose', route: 'fixtures/{thing}' });

    expect(() => buildOpenApiDocument([loose], { metadataUrl: METADATA_URL })).toThrow(/\{thing\} missing/);
  });

  test('a catch-all or optional route segment is refused, since OpenAPI paths cannot express it', () => {
    const wild = defineEndpoint({ ...boom, name: 'fixtureWild', route: 'fixtures/{*rest}' });
    const optional = defineEndpoint({ ...boom, name: 'fixtureOptional', route: 'fixtures/{id?}' });

    expect(() => buildOpenApiDocument([wild], { metadataUrl: METADATA_URL })).toThrow(/cannot express/);
    expect(() => buildOpenApiDocument([optional], { metadataUrl: METADATA_URL })).toThrow(/cannot express/);
  });

  test('two different schemas with the same $id are refused, naming the id', () => {
    const other = Type.Object({ id: Type.Integer() }, { $id: 'FixturePerson' });
    const clash = defineEndpoint({ ...boom, name: 'fixtureClash', schemas: { response: other } });

    expect(() => buildOpenApiDocument([createNote, clash], { metadataUrl: METADATA_URL })).toThrow(/"FixturePerson"/);
  });

  test('the document is the same whatever order the same endpoints registered in', () => {
    const reversed = buildOpenApiDocument([...fixtureEndpoints].reverse(), { metadataUrl: METADATA_URL });

    expect(JSON.stringify(reversed.paths)).toBe(JSON.stringify(document.paths));
    expect(reversed.components).toEqual(document.components);
  });
});
