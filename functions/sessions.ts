import { isoSeconds } from '../shared/auth/identity';
import { RevocationSchema, RevokeSessionsParamsSchema } from '../shared/auth/identitySchemas';
import { authenticatedPrincipal } from '../shared/auth/principal';
import { revokeSessions } from '../shared/auth/revocation';
import { Roles } from '../shared/auth/roles';
import { defineEndpoint } from '../shared/http/endpoint';
import { registerEndpoints } from '../shared/http/register';

/**
 * POST /api/v1/users/{oid}/sessions/revoke: every token of that user (in the admin's tenant) issued up to
 * now is refused from now on, on every instance. Admins only, after MFA step-up.
 */
export const revokeUserSessions = defineEndpoint({
  name: 'revokeUserSessions',
  method: 'POST',
  route: 'v1/users/{oid}/sessions/revoke',
  summary: "Revoke a user's sessions: their current tokens stop working",
  tags: ['identity'],
  access: { role: Roles.Admin },
  stepUp: true,
  rateClass: 'admin',
  idempotency: 'none',
  successStatus: 200,
  schemas: { params: RevokeSessionsParamsSchema, response: RevocationSchema },
  problems: ['step_up_required', 'unavailable'],
  handler: async ({ params, principal, log }) => {
    const admin = authenticatedPrincipal(principal);
    const revokedAt = await revokeSessions(admin.tenantId, params.oid, log);
    log.info('sessions revoked', { targetObjectId: params.oid, adminObjectId: admin.objectId });
    return { body: { objectId: params.oid, tenantId: admin.tenantId, revokedAt: isoSeconds(revokedAt) } };
  },
});

registerEndpoints(revokeUserSessions);
