import { compareFunctionNames, routingDisagreements } from '../../../../shared/http/routing/nameOrder';

describe('compareFunctionNames', () => {
  test('orders names case-insensitively by code unit, as the Azure host indexes functions', () => {
    const names = ['getCase', 'Approve', 'z_fallback', 'zzTop', 'listCases', 'GetAudit'];

    expect([...names].sort(compareFunctionNames)).toEqual([
      'Approve',
      'GetAudit',
      'getCase',
      'listCases',
      'zzTop',
      'z_fallback',
    ]);
  });
});

describe('routingDisagreements', () => {
  test('a literal route shadowed by an earlier-named parameter route is reported', () => {
    const routes = [
      { name: 'getCase', methods: ['GET'], route: 'v1/cases/{caseId}' },
      { name: 'searchCases', methods: ['GET'], route: 'v1/cases/search' },
    ];

    expect(routingDisagreements(routes, 'api')).toEqual([
      { method: 'GET', path: '/v1/cases/search', azure: 'getCase', precedence: 'searchCases' },
    ]);
  });

  test('a constraint that the literal fails removes the overlap', () => {
    const routes = [
      { name: 'getCase', methods: ['GET'], route: 'v1/cases/{caseId:guid}' },
      { name: 'searchCases', methods: ['GET'], route: 'v1/cases/search' },
    ];

    expect(routingDisagreements(routes, 'api')).toEqual([]);
  });

  test('routes that overlap only under different methods agree', () => {
    const routes = [
      { name: 'deleteCase', methods: ['DELETE'], route: 'v1/cases/{caseId}' },
      { name: 'searchCases', methods: ['GET'], route: 'v1/cases/search' },
    ];

    expect(routingDisagreements(routes, 'api')).toEqual([]);
  });

  test('a catch-all named to sort last never takes a specific route’s request', () => {
    const routes = [
      { name: 'z_fallback', methods: ['GET', 'POST'], route: '{*path}' },
      { name: 'getHealth', methods: ['GET'], route: 'v1/health' },
    ];

    expect(routingDisagreements(routes, 'api')).toEqual([]);
  });

  test('a catch-all named to sort first takes every request in Azure', () => {
    const routes = [
      { name: 'aFallback', methods: ['GET'], route: '{*path}' },
      { name: 'getHealth', methods: ['GET'], route: 'v1/health' },
    ];

    expect(routingDisagreements(routes, 'api')).toEqual([
      { method: 'GET', path: '/v1/health', azure: 'aFallback', precedence: 'getHealth' },
    ]);
  });
});
