import type { Principal } from '../../../shared/auth/principal';
import { claimsChallenge, hasSteppedUp, requireStepUp, stepUpHeader } from '../../../shared/auth/stepUp';
import { Problem } from '../../../shared/http/problem';
import { testPrincipal } from '../../support/principal';

const user = testPrincipal();

describe('step-up', () => {
  it('encodes the claims request MSAL clients answer', () => {
    const decoded = JSON.parse(Buffer.from(claimsChallenge('c4'), 'base64').toString('utf8'));
    expect(decoded).toEqual({ access_token: { acrs: { essential: true, value: 'c4' } } });
    expect(stepUpHeader('c4')).toBe(`Bearer realm="", error="insufficient_claims", claims="${claimsChallenge('c4')}"`);
  });

  it('is satisfied by the auth context in acrs or by mfa in amr', () => {
    expect(hasSteppedUp({ ...user, authContexts: ['c1'] }, 'c1')).toBe(true);
    expect(hasSteppedUp({ ...user, tokenVersion: '1.0', authMethods: ['pwd', 'mfa'] }, 'c1')).toBe(true);
    expect(hasSteppedUp({ ...user, authContexts: ['c2'], authMethods: ['pwd'] }, 'c1')).toBe(false);
  });

  it('challenges a user with 401 step_up_required and the default auth context', () => {
    const error = (() => {
      try {
        requireStepUp(user);
      } catch (e) {
        return e as Problem;
      }
    })();
    expect(error).toMatchObject({ code: 'step_up_required', status: 401 });
    expect(error?.headers['www-authenticate']).toBe(stepUpHeader('c1'));
  });

  it('refuses an app with 403, whatever claims its token carries', () => {
    const app: Principal = { ...user, kind: 'app', authContexts: ['c1'], authMethods: ['mfa'] };
    expect(() => requireStepUp(app)).toThrow(expect.objectContaining({ code: 'forbidden', status: 403 }));
  });

  it('lets a stepped-up user through', () => {
    expect(() => requireStepUp({ ...user, authContexts: ['c1'] })).not.toThrow();
  });
});
