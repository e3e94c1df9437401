import { HttpRequest } from '@azure/functions';
import '../../../functions/audit';
import '../../../functions/caseAssignment';
import '../../../functions/caseComments';
import '../../../functions/caseEvents';
import '../../../functions/caseTransitions';
import '../../../functions/cases';
import '../../../functions/definitions';
import '../../../functions/me';
import '../../../functions/sessions';
import { getHealth } from '../../../functions/health';
import { getOpenApiDocument } from '../../../functions/openapi';
import type { EndpointSpec } from '../../../shared/http/endpoint';
import { validatedInput } from '../../../shared/http/input';
import { registeredEndpoints } from '../../../shared/http/registry';
import { callEndpoint } from '../../support/fixtures/callEndpoint';
import { refusal } from '../../support/fixtures/refusal';

/** The field errors `spec` reports for a request to its route carrying `query`, without params or body. */
async function queryErrors(spec: EndpointSpec, query: string) {
  const request = new HttpRequest({ method: spec.method, url: `http://127.0.0.1/api/${spec.route}?${query}` });
  const problem = await refusal(validatedInput(spec, request));
  return (problem.errors ?? []).filter((error) => error.pointer.startsWith('/query'));
}

describe('unknown query parameters', () => {
  test('an endpoint without a query schema refuses a query parameter with 400 validation_failed at /query/<name>', async () => {
    const answer = await callEndpoint(getOpenApiDocument, { path: '/api/v1/openapi.json?format=yaml' });

    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ pointer: '/query/format', message: 'must NOT have additional properties' }],
    });
  });

  test('every unknown query parameter is listed, a repeated one once', async () => {
    const answer = await callEndpoint(getHealth, { path: '/api/v1/health?probe=1&probe=2&verbose' });

    expect(answer.status).toBe(400);
    expect(answer.json()['errors']).toEqual([
      { pointer: '/query/probe', message: 'must NOT have additional properties' },
      { pointer: '/query/verbose', message: 'must NOT have additional properties' },
    ]);
  });

  test('GET and HEAD probes and the OpenAPI document without a query string still answer 200', async () => {
    const answers = await Promise.all([
      callEndpoint(getHealth),
      callEndpoint(getHealth, { method: 'HEAD' }),
      callEndpoint(getOpenApiDocument),
      callEndpoint(getOpenApiDocument, { method: 'HEAD' }),
    ]);

    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
  });

  test('every registered endpoint, with or without a query schema, refuses a query parameter it does not declare', async () => {
    const specs = registeredEndpoints();
    expect(specs.map((spec) => spec.name)).toEqual(expect.arrayContaining(['listCases', 'getOpenApiDocument']));

    for (const spec of specs) {
      const errors = await queryErrors(spec, 'unexpectedParameter=1');

      expect({ endpoint: spec.name, errors }).toEqual({
        endpoint: spec.name,
        errors: [{ pointer: '/query/unexpectedParameter', message: 'must NOT have additional properties' }],
      });
    }
  });
});
