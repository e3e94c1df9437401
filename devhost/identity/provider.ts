import type { IncomingMessage, ServerResponse } from 'node:http';
import { SignJWT, type JWTPayload } from 'jose';
import { devTokenClaims } from './claims';
import { DEV_AUDIENCE, DEV_IDP_PATH_PREFIX, DEV_ISSUER_ORIGIN, DEV_TENANT_ID } from './defaults';
import type { DevTokenOptions } from './devTokenOptions';
import { loadSigningKeys, rotateSigningKey } from './keyStore';

export type { DevTokenOptions } from './devTokenOptions';

/** The dev identity provider: OIDC metadata and JWKS on the devhost, and tokens signed with its keys. */
export interface DevIdentityProvider {
  /** Path prefix it serves below ('/devhost/idp'). */
  pathPrefix: string;
  /** Discovery document URL of its default tenant, for AUTH_METADATA_URL. */
  metadataUrl: string;
  tenantId: string;
  /** Default `aud` of its tokens, for AUTH_AUDIENCE. */
  audience: string;
  /** Serves metadata and keys; true when the request was below `pathPrefix` (and answered). */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  /** A signed access token shaped like Entra's. */
  issueToken(options: DevTokenOptions): Promise<string>;
  /** Adds a signing key (the new one signs; the old ones stay published), as a key rollover does. */
  rotateKey(): Promise<void>;
}

/** Options of createDevIdentityProvider. */
export interface DevIdentityProviderOptions {
  /** Origin the devhost is reached at ('http://127.0.0.1:7071'); the metadata links point there. */
  baseUrl: string;
  /** Directory of the signing keys, shared by every process that mints or checks dev tokens. */
  keyDir: string;
  tenantId?: string;
  audience?: string;
}

/** Tenant path segments whose metadata is multi-tenant, as Entra's are: the issuer keeps {tenantid}. */
const MULTI_TENANT = new Set(['common', 'organizations']);

const ROUTE = /^\/([A-Za-z0-9.-]{1,64})\/(v2\.0\/\.well-known\/openid-configuration|discovery\/v2\.0\/keys)$/;

function metadata(baseUrl: string, tenant: string) {
  const issuerTenant = MULTI_TENANT.has(tenant) ? '{tenantid}' : tenant;
  return {
    issuer: `${DEV_ISSUER_ORIGIN}/${issuerTenant}/v2.0`,
    jwks_uri: `${baseUrl}${DEV_IDP_PATH_PREFIX}/${tenant}/discovery/v2.0/keys`,
    token_endpoint: `${baseUrl}${DEV_IDP_PATH_PREFIX}/${tenant}/oauth2/v2.0/token`,
    response_types_supported: ['code'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function answer(req: IncomingMessage, res: ServerResponse, baseUrl: string, keyDir: string) {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname.slice(DEV_IDP_PATH_PREFIX.length);
  const match = ROUTE.exec(path);
  if (req.method !== 'GET' || !match) return send(res, 404, { error: 'not_found' });

  const [, tenant, resource] = match as unknown as [string, string, string];
  if (resource.startsWith('v2.0')) return send(res, 200, metadata(baseUrl, tenant));
  const keys = await loadSigningKeys(keyDir);
  send(res, 200, { keys: keys.map((key) => key.publicJwk) });
}

/**
 * Creates the dev identity provider. Its RSA signing key is generated on first use and kept in `keyDir`,
 * so `npm run token` in another process signs tokens a running devhost trusts. Routes below the prefix:
 * GET /{tenant}/v2.0/.well-known/openid-configuration and GET /{tenant}/discovery/v2.0/keys
 * ('organizations' and 'common' give multi-tenant metadata).
 */
export async function createDevIdentityProvider(options: DevIdentityProviderOptions): Promise<DevIdentityProvider> {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const tenantId = options.tenantId ?? DEV_TENANT_ID;
  const audience = options.audience ?? DEV_AUDIENCE;
  await loadSigningKeys(options.keyDir);

  return {
    pathPrefix: DEV_IDP_PATH_PREFIX,
    metadataUrl: `${baseUrl}${DEV_IDP_PATH_PREFIX}/${tenantId}/v2.0/.well-known/openid-configuration`,
    tenantId,
    audience,
    handle(req, res) {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path !== DEV_IDP_PATH_PREFIX && !path.startsWith(`${DEV_IDP_PATH_PREFIX}/`)) return false;
      answer(req, res, baseUrl, options.keyDir).catch(() => send(res, 500, { error: 'server_error' }));
      return true;
    },
    issueToken: (tokenOptions) => signDevToken(options.keyDir, tokenOptions, { tenantId, audience }),
    rotateKey: () => rotateSigningKey(options.keyDir),
  };
}

/** Signs a dev token with the newest key in `keyDir` (RS256, typ JWT), as `npm run token` does. */
export async function signDevToken(
  keyDir: string,
  options: DevTokenOptions,
  defaults: { tenantId: string; audience: string },
): Promise<string> {
  const keys = await loadSigningKeys(keyDir);
  const key = keys[keys.length - 1]!;
  const claims = devTokenClaims(options, defaults) as JWTPayload;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? key.kid })
    .sign(key.privateKey);
}
