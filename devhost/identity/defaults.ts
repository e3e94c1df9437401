/** Tenant id of the dev identity provider's default tenant (a GUID, as Entra tenant ids are). */
export const DEV_TENANT_ID = '5f0e7d41-8c0b-4a59-9d3e-2b6a1c7e4f10';

/** `aud` of dev tokens: the client id of the dev API registration. */
export const DEV_AUDIENCE = 'c3a1f6e2-7b4d-4e8a-a5c9-0d2f8b6e1a37';

/** Client id of the dev client application (`azp` of delegated dev tokens). */
export const DEV_CLIENT_APP_ID = '9b2e4c71-3f5a-4d06-8e1b-7a6c0d9f2e58';

/** Delegated scope dev user tokens carry in `scp`. */
export const DEV_SCOPE = 'access_as_user';

/** Path prefix the dev identity provider serves below, on the devhost. */
export const DEV_IDP_PATH_PREFIX = '/devhost/idp';

/**
 * Origin of dev token issuers (`{origin}/{tid}/v2.0`). It does not depend on the devhost's address, so a
 * token minted by `npm run token` in another process matches whatever port the devhost listens on.
 */
export const DEV_ISSUER_ORIGIN = 'https://login.devhost.invalid';

/** Directory (relative to the working directory) holding the dev signing keys; git-ignored. */
export const DEV_KEY_DIR = '.devhost/keys';

/** Lifetime of dev tokens unless asked otherwise, in seconds. */
export const DEV_TOKEN_TTL_SECONDS = 3600;
