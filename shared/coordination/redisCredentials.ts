import type { RedisClientOptions } from 'redis';
import type { EntraTokenProvider } from '../auth/azureTokens';
import { errorFields, toError } from '../telemetry/errors';
import type { Logger } from '../telemetry/logger';

/** node-redis credentials that follow a token source and re-authenticate the connection on each new one. */
export type StreamingCredentials = Extract<
  NonNullable<RedisClientOptions['credentialsProvider']>,
  { type: 'streaming-credentials-provider' }
>;

/**
 * Whether a Redis URL asks for Microsoft Entra authentication: a user name (the object id of the
 * identity, as Azure Cache for Redis expects) and no password (`rediss://<oid>@<cache>:6380`).
 */
export function wantsEntraAuth(url: URL): boolean {
  return url.username !== '' && url.password === '';
}

/**
 * Credentials for Azure Cache for Redis with Entra tokens: `username` with the current token as the
 * password at every (re)connect, and an AUTH with each refreshed token on the open connection, so it is
 * not closed when the previous token expires. Failures to re-authenticate are logged.
 */
export function entraRedisCredentials(tokens: EntraTokenProvider, username: string, log: Logger): StreamingCredentials {
  const auth = (password: string) => ({ username, password });
  return {
    type: 'streaming-credentials-provider',
    subscribe: async (listener) => {
      const current = await tokens.token();
      const stop = tokens.onToken((next) => listener.onNext(auth(next)));
      return [auth(current), { dispose: stop }];
    },
    onReAuthenticationError: (error) => log.warn('redis re-authentication failed', errorFields(toError(error))),
  };
}
