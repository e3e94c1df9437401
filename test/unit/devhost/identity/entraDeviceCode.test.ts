import {
  deviceCodeRequest,
  entraAuthority,
  msalConfiguration,
  stepUpClaims,
} from '../../../../devhost/identity/entraDeviceCode';

const settings = {
  tenant: '11111111-2222-4333-8444-555555555555',
  clientId: '99999999-8888-4777-8666-555555555555',
  scopes: ['api://signoff/access_as_user'],
  acrs: [],
};

describe('the Entra device code flow', () => {
  it('signs in against the tenant authority and declares the cp1 capability', () => {
    expect(msalConfiguration(settings)).toEqual({
      auth: { clientId: settings.clientId, authority: entraAuthority(settings.tenant), clientCapabilities: ['cp1'] },
    });
    expect(entraAuthority('contoso.com')).toBe('https://login.microsoftonline.com/contoso.com');
  });

  it('asks for the scopes and hands the sign-in message to the prompt', () => {
    const shown: string[] = [];
    const request = deviceCodeRequest(settings, (m) => shown.push(m));
    request.deviceCodeCallback({ message: 'enter ABC', userCode: 'ABC' } as never);

    expect(request.scopes).toEqual(settings.scopes);
    expect(request).not.toHaveProperty('claims');
    expect(shown).toEqual(['enter ABC']);
  });

  it('requests the auth context as essential claims for a step-up', () => {
    const request = deviceCodeRequest({ ...settings, acrs: ['c1'] }, () => undefined);
    expect(JSON.parse(request.claims ?? '')).toEqual({ access_token: { acrs: { essential: true, value: 'c1' } } });
    expect(JSON.parse(stepUpClaims(['c1', 'c2']) ?? '')).toEqual({
      access_token: { acrs: { essential: true, values: ['c1', 'c2'] } },
    });
  });
});
