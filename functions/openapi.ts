import { defineEndpoint } from '../shared/http/endpoint';
import { OpenApiDocumentSchema } from '../shared/http/openapi';
import { registerEndpoints } from '../shared/http/register';
import { servedOpenApiDocument } from '../shared/http/servedOpenApi';

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document of every registered endpoint. */
export const getOpenApiDocument = defineEndpoint({
  name: 'getOpenApiDocument',
  method: 'GET',
  route: 'v1/openapi.json',
  summary: 'Get the OpenAPI document of this API',
  tags: ['meta'],
  access: 'public',
  rateClass: 'none',
  idempotency: 'none',
  successStatus: 200,
  schemas: { response: OpenApiDocumentSchema },
  handler: async () => ({ body: servedOpenApiDocument(), headers: { 'cache-control': 'public, max-age=300' } }),
});

registerEndpoints(getOpenApiDocument);
