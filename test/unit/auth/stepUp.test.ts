import type { Principal } from '../../../shared/auth/principal';
import {
  answersClaimsChallenges,
  claimsChallenge,
  hasSteppedUp,
  requireStepUp,
  stepUpHeader,
} from '../../../shared/auth/stepUp';
import { Problem } from '../../../shared/http/problem';
import { testPrincipal } from '../../support/principal';

const user = testPrincipal();

function refusal(principal: Principal): Problem | undefined {
  try {
    requireStepUp(principal);
    return undefined;
  } catch (error) {
    return error as Problem;
  }
}

/**
 * Reads a challenge the way MSAL.NET's WwwAuthenticateParameters does: split on spaces outside quotes,
 * drop the scheme, trim trailing commas, split each part at its first '=', unquote; `claims` is decoded
 * only when it is standard base64 whose length is a multiple of 4.
 */
function parseLikeMsal(header: string): { scheme: string; values: Record<string, string>; claims?: unknown } {
  const parts = header.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
  const [scheme = '', ...rest] = parts;
  const values: Record<string, string> = {};
  for (const part of rest.map((p) => p.replace(/[, ]+$/, ''))) {
    const at = part.indexOf('=');
    values[part.slice(0, at).toLowerCase()] = part.slice(at + 1).replace(/^"|"$/g, '');
  }
  const raw = values['claims'] ?? '';
  const decodable = raw.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(raw);
  return decodable
    ? { scheme, values, claims: JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) }
    : { scheme, values };
}

describe('the claims challenge', () => {
  it('has exactly the form of Entra’s documentation', () => {
    expect(stepUpHeader('c1')).toBe(
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", ' +
        'error="insufficient_claims", ' +
        'claims="eyJhY2Nlc3NfdG9rZW4iOnsiYWNycyI6eyJlc3NlbnRpYWwiOnRydWUsInZhbHVlIjoiYzEifX19"',
    );
  });

  it('parses as MSAL.NET parses it: authority, error and the decoded claims request', () => {
    const parsed = parseLikeMsal(stepUpHeader('c4'));

    expect(parsed.scheme).toBe('Bearer');
    expect(parsed.values).toMatchObject({
      realm: '',
      authorization_uri: 'https://login.microsoftonline.com/common/oauth2/authorize',
      error: 'insufficient_claims',
    });
    expect(parsed.claims).toEqual({ access_token: { acrs: { essential: true, value: 'c4' } } });
  });

  it.each(['c1', 'c9', 'c10', 'c25', 'c99'])('encodes %s as padded standard base64 MSAL.NET decodes', (id) => {
    const claims = claimsChallenge(id);

    expect(claims.length % 4).toBe(0);
    expect(claims).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(parseLikeMsal(stepUpHeader(id)).claims).toEqual({ access_token: { acrs: { essential: true, value: id } } });
  });
});

describe('hasSteppedUp', () => {
  it('is satisfied by the auth context in acrs or by mfa in amr', () => {
    expect(hasSteppedUp({ ...user, authContexts: ['c1'] }, 'c1')).toBe(true);
    expect(hasSteppedUp({ ...user, tokenVersion: '1.0', authMethods: ['pwd', 'mfa'] }, 'c1')).toBe(true);
    expect(hasSteppedUp({ ...user, authContexts: ['c2'], authMethods: ['pwd'] }, 'c1')).toBe(false);
  });
});

describe('requireStepUp', () => {
  it('challenges a cp1 user with 401 step_up_required, the header and the claims in the body', () => {
    const problem = refusal(user);

    expect(answersClaimsChallenges(user)).toBe(true);
    expect(problem).toMatchObject({ code: 'step_up_required', status: 401 });
    expect(problem?.headers['www-authenticate']).toBe(stepUpHeader('c1'));
    expect(problem?.extensions).toEqual({ authContext: 'c1', claims: claimsChallenge('c1') });
    expect(problem?.detail).toBe(
      'This action needs multi-factor authentication; answer the claims challenge and retry.',
    );
  });

  it('challenges a user whose client lacks cp1 the same way, with a detail that spells out the claims request', () => {
    const legacy = { ...user, clientCapabilities: [] };
    const problem = refusal(legacy);

    expect(answersClaimsChallenges(legacy)).toBe(false);
    expect(problem).toMatchObject({ code: 'step_up_required', status: 401 });
    expect(problem?.headers['www-authenticate']).toBe(stepUpHeader('c1'));
    expect(problem?.extensions).toEqual({ authContext: 'c1', claims: claimsChallenge('c1') });
    expect(problem?.detail).toContain('auth context c1');
    expect(problem?.detail).toContain('claims parameter');
  });

  it('treats a token without xms_cc as lacking cp1', () => {
    expect(answersClaimsChallenges({ ...user, clientCapabilities: undefined })).toBe(false);
  });

  it('refuses an app with 403, whatever claims its token carries', () => {
    const app: Principal = { ...user, kind: 'app', authContexts: ['c1'], authMethods: ['mfa'] };
    expect(refusal(app)).toMatchObject({ code: 'forbidden', status: 403 });
  });

  it('lets a stepped-up user through', () => {
    expect(refusal({ ...user, authContexts: ['c1'] })).toBeUndefined();
  });
});
