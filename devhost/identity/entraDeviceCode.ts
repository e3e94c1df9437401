import { PublicClientApplication, type Configuration, type DeviceCodeRequest } from '@azure/msal-node';
import type { EntraSettings } from './entraSettings';

/** The Entra ID sign-in authority of a tenant. */
export function entraAuthority(tenant: string): string {
  return `https://login.microsoftonline.com/${tenant}`;
}

/** MSAL configuration of the public client: the tenant's authority and the cp1 capability (claims challenges). */
export function msalConfiguration(settings: EntraSettings): Configuration {
  return {
    auth: { clientId: settings.clientId, authority: entraAuthority(settings.tenant), clientCapabilities: ['cp1'] },
  };
}

/** The claims request that asks for the auth contexts `acrs` (step-up), or undefined for none. */
export function stepUpClaims(acrs: readonly string[]): string | undefined {
  if (acrs.length === 0) return undefined;
  const [first] = acrs;
  const acrsRequest = acrs.length === 1 ? { essential: true, value: first } : { essential: true, values: acrs };
  return JSON.stringify({ access_token: { acrs: acrsRequest } });
}

/** The device code request: the scopes, the optional step-up claims, and where to show the sign-in prompt. */
export function deviceCodeRequest(settings: EntraSettings, prompt: (message: string) => void): DeviceCodeRequest {
  const claims = stepUpClaims(settings.acrs);
  return {
    scopes: settings.scopes,
    deviceCodeCallback: (response) => prompt(response.message),
    ...(claims === undefined ? {} : { claims }),
  };
}

/**
 * Signs a user in to Entra ID with the device code flow and returns the access token. `prompt` gets the
 * "go to https://microsoft.com/devicelogin and enter the code" message.
 * @throws the MSAL error when the sign-in fails, is declined or times out.
 */
export async function acquireEntraToken(settings: EntraSettings, prompt: (message: string) => void): Promise<string> {
  const client = new PublicClientApplication(msalConfiguration(settings));
  const result = await client.acquireTokenByDeviceCode(deviceCodeRequest(settings, prompt));
  if (result === null || result.accessToken === '') throw new Error('Entra ID returned no access token');
  return result.accessToken;
}
