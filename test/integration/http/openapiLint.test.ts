import { buildOpenApiDocument } from '../../../shared/http/openapi';
import { fixtureEndpoints } from '../../support/fixtures/httpEndpoints';
import { lintOpenApi } from '../../support/fixtures/lintOpenApi';

const METADATA_URL = 'https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration';

describe('the generated OpenAPI document under redocly and spectral', () => {
  test('a document covering every pipeline feature lints without errors', async () => {
    const findings = await lintOpenApi(buildOpenApiDocument(fixtureEndpoints, { metadataUrl: METADATA_URL }));

    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('the linters do report errors, so a clean result means something', async () => {
    const broken = { openapi: '3.1.0', info: { title: 'x' }, paths: { '/a/{id}': { get: { responses: {} } } } };

    const findings = await lintOpenApi(broken);

    expect(findings.filter((f) => f.severity === 'error' && f.linter === 'redocly').length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.severity === 'error' && f.linter === 'spectral').length).toBeGreaterThan(0);
  });
});
