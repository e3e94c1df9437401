import type { HttpRequest } from '@azure/functions';
import { getConfig } from '../config/load';
import type { Config } from '../config/schema';
import type { Logger } from '../telemetry/logger';
import { errorFields } from '../telemetry/errors';
import { bearerToken } from './bearer';
import { authenticationUnavailable, invalidToken } from './challenge';
import { IdentityProviderUnavailable } from './discovery';
import { IssuerConfigMismatch } from './issuer';
import { principalFromClaims, type Principal } from './principal';
import { assertNotRevoked } from './revocation';
import { principalRules, verifierSettings } from './settings';
import { createTokenVerifier, TokenRefused, type TokenVerifier } from './verifier';

let memo: { config: Readonly<Config>; verify: TokenVerifier } | undefined;

/** The verifier of the current configuration, rebuilt (caches dropped) when the configuration is reloaded. */
function configuredVerifier(config: Readonly<Config>): TokenVerifier {
  if (memo?.config !== config) memo = { config, verify: createTokenVerifier(verifierSettings(config)) };
  return memo.verify;
}

/** The problem a verification failure answers with, logged by kind; anything unforeseen is passed on. */
function verificationProblem(error: unknown, log: Logger): unknown {
  if (error instanceof TokenRefused) {
    log.info('token refused', { reason: error.reason });
    return invalidToken();
  }
  if (error instanceof IdentityProviderUnavailable) {
    log.warn('identity provider unavailable', errorFields(error));
    return authenticationUnavailable();
  }
  if (error instanceof IssuerConfigMismatch) {
    log.error('identity provider does not fit the configuration', { reason: error.reason });
    return authenticationUnavailable();
  }
  return error;
}

async function verified(token: string, config: Readonly<Config>, log: Logger) {
  try {
    return await configuredVerifier(config)(token);
  } catch (error) {
    throw verificationProblem(error, log);
  }
}

/**
 * Authenticates a request by the bearer token of its Authorization header (never the query string):
 * signature, issuer, tenant, audience and lifetime checks, the principal's scope, then revocation.
 * The token is never logged.
 * @throws Problem unauthenticated | invalid_token | token_revoked (401, with WWW-Authenticate),
 *   forbidden (403) for a user token without the API's scope, unavailable (503) when the identity
 *   provider or the revocation store cannot be reached, or when the provider's metadata does not fit
 *   the configuration (multi-tenant issuer without AUTH_TENANT_IDS; logged as an error).
 */
export async function authenticate(request: HttpRequest, log: Logger): Promise<Principal> {
  const token = bearerToken(request.headers);
  const config = getConfig();

  const claims = await verified(token, config, log);
  const principal = principalFromClaims(claims, principalRules(config));
  await assertNotRevoked(principal, log);
  return principal;
}
