import type { HttpRequest } from '@azure/functions';
import { getConfig } from '../config/load';
import type { Config } from '../config/schema';
import type { Logger } from '../telemetry/logger';
import { errorFields } from '../telemetry/errors';
import { bearerToken } from './bearer';
import { authenticationUnavailable, invalidToken } from './challenge';
import { IdentityProviderUnavailable } from './discovery';
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

async function verified(token: string, config: Readonly<Config>, log: Logger) {
  try {
    return await configuredVerifier(config)(token);
  } catch (error) {
    if (error instanceof TokenRefused) {
      log.info('token refused', { reason: error.reason });
      throw invalidToken();
    }
    if (error instanceof IdentityProviderUnavailable) {
      log.warn('identity provider unavailable', errorFields(error));
      throw authenticationUnavailable();
    }
    throw error;
  }
}

/**
 * Authenticates a request by the bearer token of its Authorization header (never the query string):
 * signature, issuer, tenant, audience and lifetime checks, the principal's scope, then revocation.
 * The token is never logged.
 * @throws Problem unauthenticated | invalid_token | token_revoked (401, with WWW-Authenticate),
 *   forbidden (403) for a user token without the API's scope, unavailable (503) when the identity
 *   provider or the revocation store cannot be reached.
 */
export async function authenticate(request: HttpRequest, log: Logger): Promise<Principal> {
  const token = bearerToken(request.headers);
  const config = getConfig();

  const claims = await verified(token, config, log);
  const principal = principalFromClaims(claims, principalRules(config));
  await assertNotRevoked(principal, log);
  return principal;
}
