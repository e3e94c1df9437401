import { FALLBACK_FUNCTION_NAME } from '../../functions/fallback';
import { compareFunctionNames, routingDisagreements } from '../../shared/http/routing/nameOrder';
import { startTestApp, type TestApp } from '../support/app';
import { lintOpenApi } from '../support/fixtures/lintOpenApi';

let testApp: TestApp;

beforeAll(async () => {
  testApp = await startTestApp();
});

afterAll(() => testApp.close());

function endpointFunctions() {
  return testApp.app.http.filter((f) => f.name !== FALLBACK_FUNCTION_NAME);
}

describe('the served OpenAPI document', () => {
  test('is served publicly as JSON at /api/v1/openapi.json', async () => {
    const res = await testApp.request('GET', '/api/v1/openapi.json');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.openapi).toBe('3.1.0');
  });

  test('passes redocly lint and spectral lint without errors', async () => {
    const res = await testApp.request('GET', '/api/v1/openapi.json');

    const findings = await lintOpenApi(res.body);

    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('has one operation for every HTTP function of the app except the fallback', async () => {
    const res = await testApp.request('GET', '/api/v1/openapi.json');
    const operations = Object.values(res.body.paths as Record<string, Record<string, { operationId: string }>>).flatMap(
      (item) => Object.values(item).map((op) => op.operationId),
    );

    expect(operations.sort()).toEqual(
      endpointFunctions()
        .map((f) => f.name)
        .sort(),
    );
  });

  test('points its security scheme at the identity provider the app trusts', async () => {
    const res = await testApp.request('GET', '/api/v1/openapi.json');

    expect(res.body.components.securitySchemes.entra.openIdConnectUrl).toBe(testApp.identity.provider.metadataUrl);
  });
});

describe('routing of the whole app', () => {
  test('the fallback sorts after every other HTTP function, so Azure tries it last', () => {
    const names = testApp.app.http.map((f) => f.name).sort(compareFunctionNames);

    expect(names[names.length - 1]).toBe(FALLBACK_FUNCTION_NAME);
  });

  test('Azure’s name-order routing and the devhost’s precedence routing agree on every route', () => {
    expect(routingDisagreements(testApp.app.http, 'api')).toEqual([]);
  });

  test('a known path under another method gets 405 with an Allow header from the fallback', async () => {
    const res = await testApp.request('DELETE', '/api/v1/health');

    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('GET, HEAD, OPTIONS');
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.body).toMatchObject({ code: 'method_not_allowed', instance: '/api/v1/health' });
  });

  test('OPTIONS on a known path answers 204 with the Allow header', async () => {
    const res = await testApp.request('OPTIONS', '/api/v1/health/ready');

    expect(res.status).toBe(204);
    expect(res.headers['allow']).toBe('GET, HEAD, OPTIONS');
  });

  test('HEAD on a GET endpoint answers 200 with headers and no body', async () => {
    const res = await testApp.request('HEAD', '/api/v1/health');

    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBeDefined();
    expect(res.text).toBe('');
  });

  test('TRACE gets 405 method_not_allowed problem+json instead of a 500 from building the request', async () => {
    for (const path of ['/api/v1/health', '/api/v1/nothing/here']) {
      const res = await testApp.request('TRACE', path);

      expect(res.status).toBe(405);
      expect(res.headers['content-type']).toBe('application/problem+json');
      expect(res.body).toMatchObject({ code: 'method_not_allowed' });
    }
  });

  test('an unknown path below the prefix gets 404 route_not_found', async () => {
    const res = await testApp.request('POST', '/api/v1/nothing/here', { body: {} });

    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'route_not_found', instance: '/api/v1/nothing/here' });
  });
});
