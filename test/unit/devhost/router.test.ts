import { createRouter, pathBelowPrefix, type Routable } from '../../../shared/http/routing/router';

interface Route extends Routable {
  name: string;
}

function route(name: string, template: string, methods = ['GET']): Route {
  return { name, route: template, methods };
}

function routed(routes: Route[], method: string, path: string, prefix = 'api') {
  const result = createRouter(routes, prefix).route(method, path);
  return result.kind === 'matched' ? { name: result.target.name, params: result.params } : result.kind;
}

describe('route precedence', () => {
  const routes = [
    route('fallback', '{*path}', ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    route('getCase', 'v1/cases/{caseId}'),
    route('newCaseForm', 'v1/cases/new'),
    route('caseByNumber', 'v1/cases/{number:int}'),
    route('caseFiles', 'v1/cases/{caseId}/files/{*file}'),
    route('health', 'v1/health'),
  ];

  it('prefers a literal segment over a parameter whatever the registration order', () => {
    expect(routed(routes, 'GET', '/api/v1/cases/new')).toEqual({ name: 'newCaseForm', params: {} });
  });

  it('prefers a constrained parameter over a free one when the constraint holds', () => {
    expect(routed(routes, 'GET', '/api/v1/cases/42')).toEqual({ name: 'caseByNumber', params: { number: '42' } });
    expect(routed(routes, 'GET', '/api/v1/cases/abc')).toEqual({ name: 'getCase', params: { caseId: 'abc' } });
  });

  it('lets a catch-all fallback lose to every specific route', () => {
    expect(routed(routes, 'GET', '/api/v1/health')).toEqual({ name: 'health', params: {} });
    expect(routed(routes, 'GET', '/api/v1/cases/x/files/a/b.txt')).toEqual({
      name: 'caseFiles',
      params: { caseId: 'x', file: 'a/b.txt' },
    });
  });

  it('gives the fallback whatever no specific route matches, including the bare prefix', () => {
    expect(routed(routes, 'GET', '/api/v2/unknown/thing')).toEqual({
      name: 'fallback',
      params: { path: 'v2/unknown/thing' },
    });
    expect(routed(routes, 'GET', '/api')).toEqual({ name: 'fallback', params: {} });
  });

  it('gives the fallback a known path called with a method no specific route accepts', () => {
    expect(routed(routes, 'DELETE', '/api/v1/health')).toEqual({ name: 'fallback', params: { path: 'v1/health' } });
  });

  it('prefers a constrained catch-all over a free one', () => {
    const both = [route('free', '{*rest}'), route('numeric', '{*rest:int}')];
    expect(routed(both, 'GET', '/api/7')).toEqual({ name: 'numeric', params: { rest: '7' } });
    expect(routed(both, 'GET', '/api/seven')).toEqual({ name: 'free', params: { rest: 'seven' } });
  });
});

describe('route matching', () => {
  it('compares literals and the prefix case-insensitively', () => {
    expect(routed([route('health', 'v1/health')], 'GET', '/API/V1/Health')).toEqual({ name: 'health', params: {} });
  });

  it('ignores a trailing slash', () => {
    expect(routed([route('health', 'v1/health')], 'GET', '/api/v1/health/')).toEqual({ name: 'health', params: {} });
  });

  it('decodes route values but keeps an encoded slash inside one segment', () => {
    const routes = [route('item', 'items/{id}')];
    expect(routed(routes, 'GET', '/api/items/a%20b')).toEqual({ name: 'item', params: { id: 'a b' } });
    expect(routed(routes, 'GET', '/api/items/a%2Fb')).toEqual({ name: 'item', params: { id: 'a%2Fb' } });
  });

  it('matches an optional last parameter with or without a value', () => {
    const routes = [route('list', 'items/{page?}')];
    expect(routed(routes, 'GET', '/api/items')).toEqual({ name: 'list', params: {} });
    expect(routed(routes, 'GET', '/api/items/3')).toEqual({ name: 'list', params: { page: '3' } });
  });

  it('fills a missing parameter from its default value', () => {
    expect(routed([route('list', 'items/{page=1}')], 'GET', '/api/items')).toEqual({
      name: 'list',
      params: { page: '1' },
    });
  });

  it('checks int, guid and alpha constraints', () => {
    const routes = [route('int', 'i/{v:int}'), route('guid', 'g/{v:guid}'), route('alpha', 'a/{v:alpha}')];
    expect(routed(routes, 'GET', '/api/i/-12')).toEqual({ name: 'int', params: { v: '-12' } });
    expect(routed(routes, 'GET', '/api/i/99999999999')).toBe('not_found');
    expect(routed(routes, 'GET', '/api/g/3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toMatchObject({ name: 'guid' });
    expect(routed(routes, 'GET', '/api/g/not-a-guid')).toBe('not_found');
    expect(routed(routes, 'GET', '/api/a/abc')).toMatchObject({ name: 'alpha' });
    expect(routed(routes, 'GET', '/api/a/abc1')).toBe('not_found');
  });

  it('matches complex segments mixing literals and parameters', () => {
    expect(routed([route('file', 'files/{name}.{ext}')], 'GET', '/api/files/report.final.pdf')).toEqual({
      name: 'file',
      params: { name: 'report.final', ext: 'pdf' },
    });
  });

  it('refuses extra segments and empty segments', () => {
    const routes = [route('item', 'items/{id}')];
    expect(routed(routes, 'GET', '/api/items/1/2')).toBe('not_found');
    expect(routed(routes, 'GET', '/api/items//')).toBe('not_found');
  });

  it('reports method_not_allowed with the methods of every route matching the path', () => {
    const routes = [route('read', 'items/{id}', ['GET']), route('write', 'items/{id}', ['PUT', 'DELETE'])];
    expect(createRouter(routes, 'api').route('POST', '/api/items/1')).toEqual({
      kind: 'method_not_allowed',
      allow: ['DELETE', 'GET', 'PUT'],
    });
  });

  it('tells a path outside the prefix from an unknown route', () => {
    expect(routed([route('health', 'v1/health')], 'GET', '/v1/health')).toBe('outside_prefix');
    expect(routed([route('health', 'v1/health')], 'GET', '/apix/v1/health')).toBe('outside_prefix');
    expect(routed([route('health', 'v1/health')], 'GET', '/api/v1/nothing')).toBe('not_found');
  });

  it('routes every path when the prefix is empty', () => {
    expect(routed([route('health', 'v1/health')], 'GET', '/v1/health', '')).toEqual({ name: 'health', params: {} });
  });

  it('treats malformed percent-encoding as no match', () => {
    expect(pathBelowPrefix('/api/items/%E0%A4%A', 'api')).toBeUndefined();
  });
});

describe('route templates', () => {
  it.each([
    ['a catch-all before the last segment', '{*rest}/more'],
    ['an unknown constraint', 'items/{id:regex(^a$)}'],
    ['a required segment after an optional one', '{a?}/b'],
    ['a repeated parameter name', '{id}/{ID}'],
    ['an unclosed parameter', 'items/{id'],
  ])('refuses %s at startup', (_what, template) => {
    expect(() => createRouter([route('bad', template)], 'api')).toThrow(/Route|constraint/);
  });

  it('lists routes in matching order with the prefix', () => {
    const table = createRouter([route('fallback', '{*path}'), route('health', 'v1/health')], 'api').table();
    expect(table.map((r) => r.path)).toEqual(['/api/v1/health', '/api/{*path}']);
  });
});
