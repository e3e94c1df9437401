import type { Principal } from '../../shared/auth/principal';

/** A delegated user principal of the default dev tenant with no roles; `overrides` replace any field. */
export function testPrincipal(overrides: Partial<Principal> = {}): Principal {
  return {
    kind: 'user',
    objectId: '0900b8fe-cfd2-599e-a1fa-56992114cc85',
    tenantId: '5f0e7d41-8c0b-4a59-9d3e-2b6a1c7e4f10',
    clientAppId: '9b2e4c71-3f5a-4d06-8e1b-7a6c0d9f2e58',
    roles: [],
    effectiveRoles: [],
    scopes: ['access_as_user'],
    authContexts: [],
    authMethods: [],
    clientCapabilities: ['cp1'],
    tokenVersion: '2.0',
    tokenId: 'dev-token',
    issuedAt: 0,
    expiresAt: 3600,
    ...overrides,
  };
}
