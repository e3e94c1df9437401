import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogue, type ProblemCode } from '../../../shared/http/catalogue';
import { problemType } from '../../../shared/http/problem';
import { infraDir } from './bicepSource';

const apim = readFileSync(join(infraDir, 'modules', 'apim.bicep'), 'utf8');
const main = readFileSync(join(infraDir, 'main.bicep'), 'utf8');
const apiPolicy = readFileSync(join(infraDir, 'apim', 'api-policy.xml'), 'utf8');
const rateLimit = readFileSync(join(infraDir, 'apim', 'rate-limit.xml'), 'utf8');

function placeholders(text: string): Set<string> {
  return new Set([...text.matchAll(/__[A-Z_]+__/g)].map((m) => m[0]));
}

function replacedByApimModule(): Set<string> {
  return new Set([...apim.matchAll(/replace\([^,]+, '(__[A-Z_]+__)'/g)].map((m) => m[1]!));
}

function problemResponses(policy: string) {
  return [...policy.matchAll(/<return-response>(.*?)<\/return-response>/gs)].map(([, body]) => ({
    status: Number(/<set-status code="(\d+)"/.exec(body!)?.[1]),
    field: (name: string) => new RegExp(`new JProperty\\("${name}", "?([^"]*?)"?\\)`).exec(body!)?.[1],
    contentType: /<value>(application\/problem\+json)<\/value>/.exec(body!)?.[1],
  }));
}

describe('API Management policy', () => {
  it('has every placeholder filled in by apim.bicep, and no other', () => {
    const used = new Set([...placeholders(apiPolicy), ...placeholders(rateLimit)]);
    expect([...used].sort()).toEqual([...replacedByApimModule()].sort());
  });

  it('is loaded from infra/apim and deployed as raw XML at API scope', () => {
    expect(apim).toContain("loadTextContent('../apim/api-policy.xml')");
    expect(apim).toContain("loadTextContent('../apim/rate-limit.xml')");
    expect(apim).toContain("format: 'rawxml'");
  });

  it('validates Entra tokens against the discovery document the app uses, except on the health probes', () => {
    expect(apiPolicy).toMatch(/<validate-jwt header-name="Authorization" require-scheme="Bearer"/);
    expect(apiPolicy).toContain('<openid-config url="__OPENID_CONFIG_URL__" />');
    expect(apiPolicy).toContain('<issuers>__ISSUERS__</issuers>');
    expect(apim).toContain("'<issuer>${loginEndpoint}${trim(allowed)}/v2.0</issuer>'");
    expect(apiPolicy).toContain('<audiences>__AUDIENCES__</audiences>');
    expect(main).toContain('openIdConfigUrl: authMetadataUrl');
    expect(main).toContain('authMetadataUrl: authMetadataUrl');
    for (const probe of ['/v1/health', '/v1/health/ready']) {
      expect(apiPolicy).toContain(`context.Operation.UrlTemplate != "${probe}"`);
      expect(apim).toContain(`urlTemplate: '${probe}'`);
    }
  });

  it('limits calls by tenant, client app and user at the gateway when the tier allows it', () => {
    expect(apiPolicy).toContain('__RATE_LIMIT__');
    expect(rateLimit).toMatch(/<rate-limit-by-key calls="__CALLS__" renewal-period="__PERIOD_SECONDS__"/);
    for (const claim of ['tid', 'azp', 'oid']) expect(rateLimit).toContain(`GetValueOrDefault("${claim}"`);
    expect(apim).toContain("supportsRateLimitByKey = skuName != 'Consumption'");
  });

  it('forwards x-request-id and routes to the Function App backend', () => {
    expect(apiPolicy).toMatch(/<set-header name="x-request-id" exists-action="skip">/);
    expect(apiPolicy).toContain('<set-backend-service backend-id="__BACKEND_ID__" />');
    expect(apim).toContain("url: 'https://${backendHostName}/api'");
  });

  it('answers gateway refusals with the problem codes, titles and details of the catalogue', () => {
    const responses = problemResponses(apiPolicy);
    expect(responses.map((r) => r.field('code')).sort()).toEqual(['invalid_token', 'rate_limited', 'unauthenticated']);
    for (const response of responses) {
      const code = response.field('code') as ProblemCode;
      const entry = catalogue[code];
      expect({
        status: response.status,
        bodyStatus: Number(response.field('status')),
        title: response.field('title'),
        detail: response.field('detail'),
        type: response.field('type'),
        contentType: response.contentType,
      }).toEqual({
        status: entry.status,
        bodyStatus: entry.status,
        title: entry.title,
        detail: entry.detail,
        type: problemType(code),
        contentType: 'application/problem+json',
      });
    }
  });

  it('keeps every policy section present once', () => {
    for (const section of ['policies', 'inbound', 'backend', 'outbound', 'on-error']) {
      expect(apiPolicy.match(new RegExp(`<${section}>`, 'g'))).toHaveLength(1);
      expect(apiPolicy.match(new RegExp(`</${section}>`, 'g'))).toHaveLength(1);
    }
  });
});
