import { describeIdentity } from '../shared/auth/identity';
import { IdentitySchema } from '../shared/auth/identitySchemas';
import { authenticatedPrincipal } from '../shared/auth/principal';
import { defineEndpoint } from '../shared/http/endpoint';
import { registerEndpoints } from '../shared/http/register';

/**
 * GET /api/v1/me: the caller's identity, tenant, effective roles, step-up state and token expiry. Any
 * valid token may ask, whatever its roles (an auditor, or a user not yet assigned any role).
 */
export const getMe = defineEndpoint({
  name: 'getMe',
  method: 'GET',
  route: 'v1/me',
  summary: 'Who am I: identity, tenant, effective roles, step-up state and token expiry',
  tags: ['identity'],
  access: 'authenticated',
  rateClass: 'read',
  idempotency: 'none',
  successStatus: 200,
  schemas: { response: IdentitySchema },
  handler: async ({ principal }) => ({ body: describeIdentity(authenticatedPrincipal(principal)) }),
});

registerEndpoints(getMe);
