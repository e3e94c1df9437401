import { getConfig } from '../config/load';
import { Problem } from '../http/problem';
import { WWW_AUTHENTICATE } from './challenge';
import type { Principal } from './principal';
import { stepUpContextFor } from './settings';

/**
 * The authorize endpoint a claims challenge names. With `realm=""` Entra's format requires the common
 * endpoint; MSAL.NET reads the authority from it (WwwAuthenticateParameters).
 */
export const CHALLENGE_AUTHORIZATION_URI = 'https://login.microsoftonline.com/common/oauth2/authorize';

/** The client capability (`xms_cc`) of clients that act on claims challenges. */
export const CLAIMS_CHALLENGE_CAPABILITY = 'cp1';

/**
 * The claims request asking Entra for a token that satisfies auth context `contextId`: standard base64
 * with padding, which MSAL.NET requires (a length that is not a multiple of 4 is passed on undecoded).
 */
export function claimsChallenge(contextId: string): string {
  const request = { access_token: { acrs: { essential: true, value: contextId } } };
  return Buffer.from(JSON.stringify(request)).toString('base64');
}

/**
 * The WWW-Authenticate value of a claims challenge, in the exact form of Entra's documentation that
 * MSAL-based clients parse: `Bearer realm="", authorization_uri="…/common/oauth2/authorize",
 * error="insufficient_claims", claims="<base64>"`.
 */
export function stepUpHeader(contextId: string): string {
  const claims = claimsChallenge(contextId);
  return `Bearer realm="", authorization_uri="${CHALLENGE_AUTHORIZATION_URI}", error="insufficient_claims", claims="${claims}"`;
}

/** Whether the token says its client acts on claims challenges: `xms_cc` holds cp1. */
export function answersClaimsChallenges(principal: Principal): boolean {
  return principal.clientCapabilities?.includes(CLAIMS_CHALLENGE_CAPABILITY) ?? false;
}

/**
 * Whether the principal's token proves a step-up: `acrs` holds the tenant's auth context id (v2), or
 * `amr` holds 'mfa' (v1). App-only tokens never do.
 */
export function hasSteppedUp(principal: Principal, contextId: string): boolean {
  if (principal.kind === 'app') return false;
  return principal.authContexts.includes(contextId) || principal.authMethods.includes('mfa');
}

function stepUpDetail(principal: Principal, contextId: string): string | undefined {
  if (answersClaimsChallenges(principal)) return undefined;
  return (
    `This action needs multi-factor authentication (auth context ${contextId}). Get a new token with the ` +
    'claims request of the claims member (base64 JSON; with MSAL, pass it decoded as the claims parameter of ' +
    'acquireToken) and retry. Clients that declare the cp1 capability are expected to do so on their own.'
  );
}

/**
 * Requires MFA step-up for the action at hand, with the auth context configured for the principal's
 * tenant (AUTH_STEP_UP_CONTEXTS). Every user token gets the same challenge; when its `xms_cc` lacks cp1,
 * the problem's detail spells out the claims request, since the client may not act on the header.
 * @throws Problem step_up_required (401) with the claims challenge in WWW-Authenticate and in the body
 *   (`authContext`, `claims`) for a user token without it; forbidden (403) for an app-only token.
 */
export function requireStepUp(principal: Principal): void {
  const contextId = stepUpContextFor(getConfig(), principal.tenantId);
  if (hasSteppedUp(principal, contextId)) return;

  if (principal.kind === 'app') {
    throw new Problem('forbidden', { detail: 'This action needs a signed-in user with MFA; app tokens cannot.' });
  }
  throw new Problem('step_up_required', {
    detail: stepUpDetail(principal, contextId),
    headers: { [WWW_AUTHENTICATE]: stepUpHeader(contextId) },
    extensions: { authContext: contextId, claims: claimsChallenge(contextId) },
  });
}
