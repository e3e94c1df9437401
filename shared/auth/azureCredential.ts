import type { TokenCredential } from '@azure/identity';
import { entraTokenProvider, type EntraTokenProvider } from './azureTokens';

let credential: Promise<TokenCredential> | undefined;
const providers = new Map<string, Promise<EntraTokenProvider>>();

/**
 * The process's Azure credential: DefaultAzureCredential (managed identity in Azure, with AZURE_CLIENT_ID
 * naming a user-assigned one; the developer's Azure CLI sign-in locally). Loaded on first use only, so
 * processes that never talk to Azure do not pay for @azure/identity.
 */
export function azureCredential(): Promise<TokenCredential> {
  credential ??= import('@azure/identity').then(({ DefaultAzureCredential }) => new DefaultAzureCredential());
  return credential;
}

/**
 * Makes `replacement` the process's Azure credential (tests use a stand-in); undefined goes back to
 * DefaultAzureCredential. Every token provider made so far is forgotten, with its cached tokens.
 */
export function useAzureCredential(replacement: TokenCredential | undefined): void {
  credential = replacement === undefined ? undefined : Promise.resolve(replacement);
  providers.clear();
}

/**
 * The process-wide token provider of `scope` over azureCredential(): one per scope, so every caller
 * (concurrent first connections included) shares its cache and in-flight request.
 */
export function azureTokenProvider(scope: string): Promise<EntraTokenProvider> {
  let provider = providers.get(scope);
  if (provider === undefined) {
    provider = azureCredential().then((current) => entraTokenProvider(current, scope));
    providers.set(scope, provider);
  }
  return provider;
}
