import { listDefinitions } from '../../../functions/definitions';
import { getMe } from '../../../functions/me';
import { buildOpenApiDocument } from '../../../shared/http/openapi';
import { endpointProblemCodes, isRateLimited } from '../../../shared/http/endpointProblems';

const document = buildOpenApiDocument([getMe, listDefinitions], {
  metadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
});

type Operation = Record<string, unknown> & { responses: Record<string, { content?: Record<string, unknown> }> };
const operation = (path: string) => (document.paths[path]?.['get'] ?? {}) as Operation;

function exampleCodes(op: Operation, status: string): string[] {
  const content = op.responses[status]?.content?.['application/problem+json'] as { examples?: object } | undefined;
  return Object.keys(content?.examples ?? {});
}

describe('OpenAPI of an endpoint open to every authenticated caller', () => {
  it('names no required role but requires the bearer token', () => {
    const me = operation('/v1/me');

    expect(me).not.toHaveProperty('x-required-role');
    expect(me['security']).toEqual([{ entra: [] }]);
    expect(me['description']).toContain('no app role is required');
  });

  it('documents the 401 answers and the 403 of a user token without the scope', () => {
    const me = operation('/v1/me');

    expect(exampleCodes(me, '401')).toEqual(['invalid_token', 'token_revoked', 'unauthenticated']);
    expect(exampleCodes(me, '403')).toEqual(['forbidden']);
  });

  it('keeps x-required-role on an endpoint that needs a role', () => {
    expect(operation('/v1/definitions')['x-required-role']).toBe('Signoff.Reader');
  });
});

describe('pipeline steps of an endpoint open to every authenticated caller', () => {
  it('is rate limited by its class and answers 429 when the quota is spent', () => {
    expect(isRateLimited(getMe)).toBe(true);
    expect(endpointProblemCodes(getMe)).toContain('rate_limited');
  });
});
