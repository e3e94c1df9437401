import { getConfig } from '../config/load';
import { Problem } from '../http/problem';
import { WWW_AUTHENTICATE } from './challenge';
import type { Principal } from './principal';
import { stepUpContextFor } from './settings';

/** The claims request asking Entra for a token that satisfies auth context `contextId`, base64-encoded. */
export function claimsChallenge(contextId: string): string {
  const request = { access_token: { acrs: { essential: true, value: contextId } } };
  return Buffer.from(JSON.stringify(request)).toString('base64');
}

/** The WWW-Authenticate value MSAL clients act on: they re-acquire a token with the decoded claims. */
export function stepUpHeader(contextId: string): string {
  return `Bearer realm="", error="insufficient_claims", claims="${claimsChallenge(contextId)}"`;
}

/**
 * Whether the principal's token proves a step-up: `acrs` holds the tenant's auth context id (v2), or
 * `amr` holds 'mfa' (v1). App-only tokens never do.
 */
export function hasSteppedUp(principal: Principal, contextId: string): boolean {
  if (principal.kind === 'app') return false;
  return principal.authContexts.includes(contextId) || principal.authMethods.includes('mfa');
}

/**
 * Requires MFA step-up for the action at hand, with the auth context configured for the principal's
 * tenant (AUTH_STEP_UP_CONTEXTS).
 * @throws Problem step_up_required (401) with a claims challenge for a user token without it;
 *   forbidden (403) for an app-only token, which cannot step up.
 */
export function requireStepUp(principal: Principal): void {
  const contextId = stepUpContextFor(getConfig(), principal.tenantId);
  if (hasSteppedUp(principal, contextId)) return;

  if (principal.kind === 'app') {
    throw new Problem('forbidden', { detail: 'This action needs a signed-in user with MFA; app tokens cannot.' });
  }
  throw new Problem('step_up_required', {
    headers: { [WWW_AUTHENTICATE]: stepUpHeader(contextId) },
    extensions: { authContext: contextId },
  });
}
