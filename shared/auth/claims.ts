import { Type, type Static } from '@sinclair/typebox';
import { ajv } from '../http/validation';

const Strings = Type.Array(Type.String({ maxLength: 256 }), { maxItems: 500 });

/**
 * The claims of an Entra ID access token that Signoff reads (v1 or v2). Unknown claims are allowed and
 * ignored. Checked after the signature, so a token that verifies but lacks `tid` or `oid` is refused.
 */
export const AccessTokenClaimsSchema = Type.Object({
  iss: Type.String({ minLength: 1 }),
  aud: Type.Union([Type.String(), Type.Array(Type.String())]),
  tid: Type.String({ minLength: 1, maxLength: 64 }),
  oid: Type.String({ minLength: 1, maxLength: 64 }),
  sub: Type.Optional(Type.String()),
  iat: Type.Integer(),
  nbf: Type.Optional(Type.Integer()),
  exp: Type.Integer(),
  ver: Type.Optional(Type.Union([Type.Literal('1.0'), Type.Literal('2.0')])),
  idtyp: Type.Optional(Type.String()),
  scp: Type.Optional(Type.String({ maxLength: 4096 })),
  roles: Type.Optional(Strings),
  acrs: Type.Optional(Strings),
  amr: Type.Optional(Strings),
  xms_cc: Type.Optional(Strings),
  azp: Type.Optional(Type.String()),
  appid: Type.Optional(Type.String()),
  uti: Type.Optional(Type.String()),
  jti: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  preferred_username: Type.Optional(Type.String()),
  upn: Type.Optional(Type.String()),
});

/** Claims of a verified access token. */
export type AccessTokenClaims = Static<typeof AccessTokenClaimsSchema>;

const validate = ajv.compile<AccessTokenClaims>(AccessTokenClaimsSchema);

/** Whether a verified payload has the shape of an access token (types of every claim Signoff reads). */
export function isAccessTokenClaims(payload: unknown): payload is AccessTokenClaims {
  return validate(payload);
}
