import { createClient, type RedisClientType } from 'redis';
import { azureTokenProvider } from '../auth/azureCredential';
import { REDIS_ENTRA_SCOPE } from '../auth/azureTokens';
import { getConfig } from '../config/load';
import { onShutdown } from '../config/lifecycle';
import { errorFields, toError } from '../telemetry/errors';
import type { Logger } from '../telemetry/logger';
import { coordinationLog } from './log';
import { entraRedisCredentials, wantsEntraAuth, type StreamingCredentials } from './redisCredentials';

/** The node-redis client Signoff uses (RESP3, the default modules of the `redis` package). */
export type RedisClient = RedisClientType;

/** How the client talks to Redis; every value in milliseconds. */
export interface RedisTimings {
  /** Upper bound of every command, queued or sent; a command past it rejects with a TimeoutError. */
  commandTimeoutMs: number;
  /** Upper bound of one TCP (and TLS) connect attempt. */
  connectTimeoutMs: number;
  /** PING period; keeps the connection busy so Azure Cache for Redis does not close it as idle (~10 min). */
  pingIntervalMs: number;
  /** How long getRedis waits for the first connection before handing out a client still connecting. */
  firstConnectWaitMs: number;
}

/** Timings used by getRedis. Commands are short (rate limits, locks): a slow Redis must not slow requests. */
export const DEFAULT_REDIS_TIMINGS: RedisTimings = {
  commandTimeoutMs: 500,
  connectTimeoutMs: 2_000,
  pingIntervalMs: 60_000,
  firstConnectWaitMs: 2_000,
};

const MAX_BACKOFF_MS = 5_000;

/** Delay before reconnect attempt `retries` (0-based): exponential from 50 ms, capped at 5 s, with jitter. */
export function reconnectDelay(retries: number): number {
  const base = Math.min(50 * 2 ** Math.min(retries, 16), MAX_BACKOFF_MS);
  return Math.round(base / 2 + Math.random() * (base / 2));
}

function watchConnection(client: RedisClient, log: Logger): void {
  let down = false;
  client.on('error', (error: unknown) => {
    // Errors repeat on every failed reconnect; log the first of each outage at warn, the rest at debug.
    const fields = errorFields(toError(error));
    if (down) log.debug('redis error', fields);
    else log.warn('redis connection lost', fields);
    down = true;
  });
  client.on('ready', () => {
    if (down) log.info('redis connection restored');
    down = false;
  });
}

/**
 * Creates and connects a Redis client for `url` that never throws from its event emitter, retries
 * connections forever with backoff, times out every command and rejects commands at once while
 * disconnected (no offline queue), so callers can fall back instead of waiting. Resolves after the
 * first connection, the first failed attempt or `firstConnectWaitMs`, whichever comes first; it keeps
 * connecting after that.
 * The caller closes it (`client.destroy()` or `client.close()`).
 */
export async function connectRedis(
  url: string,
  log: Logger,
  timings: RedisTimings = DEFAULT_REDIS_TIMINGS,
  credentials?: StreamingCredentials,
): Promise<RedisClient> {
  const client = createClient({
    url,
    ...(credentials ? { credentialsProvider: credentials } : {}),
    disableOfflineQueue: true,
    pingInterval: timings.pingIntervalMs,
    commandOptions: { timeout: timings.commandTimeoutMs },
    socket: {
      connectTimeout: timings.connectTimeoutMs,
      keepAlive: true,
      reconnectStrategy: (retries: number) => reconnectDelay(retries),
    },
  });
  watchConnection(client, log);

  const connecting = client.connect().then(
    () => undefined,
    (error: unknown) => log.warn('redis connect failed', errorFields(toError(error))),
  );
  // Stop waiting at the first failed attempt too: a refused connection should not delay the caller.
  const firstFailure = new Promise<void>((resolve) => client.once('error', () => resolve()));
  await Promise.race([connecting, firstFailure, delay(timings.firstConnectWaitMs)]);
  if (!client.isReady) log.warn('redis not ready yet, continuing to connect in the background');
  return client;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

let shared: Promise<RedisClient | undefined> | undefined;

/**
 * The process's Redis client, created on first use from REDIS_URL and closed on shutdown (onShutdown).
 * A URL with a user name and no password (`rediss://<object id>@<cache>:6380`) signs in with Microsoft
 * Entra tokens of the process's Azure identity (DefaultAzureCredential), refreshed before they expire.
 * Resolves to undefined when REDIS_URL is unset (single-instance, in-process fallbacks). The client may
 * be disconnected at any moment: every command can reject (timeout, offline); callers decide the fallback.
 * Rejects with ConfigError when SIGNOFF_ENV is production and REDIS_URL is unset.
 */
export function getRedis(): Promise<RedisClient | undefined> {
  shared ??= openShared();
  return shared;
}

/** The URL to connect to and, for Entra authentication, the credentials that go with it. */
async function connectionOf(url: string, log: Logger): Promise<{ url: string; credentials?: StreamingCredentials }> {
  const target = new URL(url);
  if (!wantsEntraAuth(target)) return { url };

  const tokens = await azureTokenProvider(REDIS_ENTRA_SCOPE);
  const credentials = entraRedisCredentials(tokens, decodeURIComponent(target.username), log);
  // The user name travels with the credentials: node-redis would let one in the URL replace them.
  target.username = '';
  return { url: target.toString(), credentials };
}

async function openShared(): Promise<RedisClient | undefined> {
  const config = getConfig();
  if (config.redisUrl === undefined) return undefined;

  const log = coordinationLog();
  const { url, credentials } = await connectionOf(config.redisUrl, log);
  const client = await connectRedis(url, log, DEFAULT_REDIS_TIMINGS, credentials);
  onShutdown(() => closeRedis(client), 'Redis');
  return client;
}

async function closeRedis(client: RedisClient): Promise<void> {
  shared = undefined;
  if (client.isReady) await client.close();
  else client.destroy();
}
