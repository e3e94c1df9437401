import type { TokenCredential } from '@azure/identity';
import { entraTokenProvider, type EntraTokenProvider } from './azureTokens';

let credential: Promise<TokenCredential> | undefined;
const providers = new Map<string, EntraTokenProvider>();

/**
 * The process's Azure credential: DefaultAzureCredential (managed identity in Azure, with AZURE_CLIENT_ID
 * naming a user-assigned one; the developer's Azure CLI sign-in locally). Loaded on first use only, so
 * processes that never talk to Azure do not pay for @azure/identity.
 */
export function azureCredential(): Promise<TokenCredential> {
  credential ??= import('@azure/identity').then(({ DefaultAzureCredential }) => new DefaultAzureCredential());
  return credential;
}

/** The process-wide token provider of `scope` (one cache per scope) over azureCredential(). */
export async function azureTokenProvider(scope: string): Promise<EntraTokenProvider> {
  let provider = providers.get(scope);
  if (provider === undefined) {
    provider = entraTokenProvider(await azureCredential(), scope);
    providers.set(scope, provider);
  }
  return provider;
}
