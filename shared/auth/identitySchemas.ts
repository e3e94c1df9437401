import { Type, type Static } from '@sinclair/typebox';

const Guid = Type.String({ format: 'uuid', description: 'Object or tenant id (GUID).' });

/** GET /v1/me: who the caller is, as the API sees them. */
export const IdentitySchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('user'), Type.Literal('app')], { description: 'Delegated user or app-only.' }),
    objectId: Type.String({ description: 'oid of the user or service principal.' }),
    tenantId: Type.String({ description: 'tid.' }),
    clientAppId: Type.String({ description: 'Client application that obtained the token (azp/appid).' }),
    name: Type.Optional(Type.String()),
    username: Type.Optional(Type.String({ description: 'preferred_username (v2) or upn (v1).' })),
    roles: Type.Array(Type.String(), { description: 'App roles granted in the token.' }),
    effectiveRoles: Type.Array(Type.String(), { description: 'Granted roles plus those they imply.' }),
    scopes: Type.Array(Type.String(), { description: 'Delegated scopes (scp); empty for apps.' }),
    stepUp: Type.Object({
      satisfied: Type.Boolean({ description: 'Whether this token passes MFA step-up checks.' }),
      authContext: Type.String({ description: 'The auth context id step-up asks for in this tenant.' }),
    }),
    tokenVersion: Type.Union([Type.Literal('1.0'), Type.Literal('2.0')]),
    issuedAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
);

/** The body of GET /v1/me. */
export type Identity = Static<typeof IdentitySchema>;

/** Path parameters of POST /v1/users/{oid}/sessions/revoke. */
export const RevokeSessionsParamsSchema = Type.Object({ oid: Guid }, { additionalProperties: false });

/** The body of a successful session revocation. */
export const RevocationSchema = Type.Object(
  {
    objectId: Guid,
    tenantId: Type.String(),
    revokedAt: Type.String({
      format: 'date-time',
      description: 'Every token of the user issued at or before this second is refused (401 token_revoked).',
    }),
  },
  { additionalProperties: false },
);
