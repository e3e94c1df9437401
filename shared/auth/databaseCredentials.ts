import type { Config } from '../config/schema';
import { azureTokenProvider } from './azureCredential';
import { POSTGRES_ENTRA_SCOPE, type EntraTokenProvider } from './azureTokens';

/** A node-postgres password callback: called for every new connection, resolves to the password. */
export type PasswordCallback = () => Promise<string>;

/** The settings that decide how Signoff signs in to PostgreSQL. */
export type DatabaseSignIn = Pick<Config, 'databaseEntraAuth' | 'azureClientId'>;

/**
 * Whether a connection URL names a user and no password (`postgresql://<identity name>@<server>/signoff`),
 * the same shape that asks for Entra authentication of Redis.
 */
export function namesUserWithoutPassword(databaseUrl: string): boolean {
  const url = new URL(databaseUrl);
  return url.username !== '' && url.password === '';
}

/**
 * Whether connections to `databaseUrl` sign in with Microsoft Entra tokens: the URL names a user and no
 * password, and the process has an Azure identity: DATABASE_ENTRA_AUTH=true, or it is unset and
 * AZURE_CLIENT_ID is (the Function App's app settings set it). DATABASE_ENTRA_AUTH=false never does.
 */
export function wantsDatabaseEntraAuth(databaseUrl: string, settings: DatabaseSignIn): boolean {
  if (!namesUserWithoutPassword(databaseUrl)) return false;
  return settings.databaseEntraAuth ?? settings.azureClientId !== undefined;
}

/** A password callback handing out the current token of `tokens` (cached, refreshed before expiry). */
export function entraPasswordCallback(tokens: () => Promise<EntraTokenProvider>): PasswordCallback {
  return async () => (await tokens()).token();
}

/**
 * The password callback for the process's PostgreSQL connections when they sign in with Entra
 * (wantsDatabaseEntraAuth): tokens for the Azure Database for PostgreSQL scope from the process's Azure
 * credential. Undefined when the URL's own password (or none, with trust or certificate auth) is used.
 */
export function databasePassword(databaseUrl: string, settings: DatabaseSignIn): PasswordCallback | undefined {
  if (!wantsDatabaseEntraAuth(databaseUrl, settings)) return undefined;
  return entraPasswordCallback(() => azureTokenProvider(POSTGRES_ENTRA_SCOPE));
}
