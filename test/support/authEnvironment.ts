import { randomUUID } from 'node:crypto';
import { resetConfig } from '../../shared/config/load';
import { shutdown } from '../../shared/config/lifecycle';
import { getRedis } from '../../shared/coordination/redis';
import { resetRevocationStore } from '../../shared/auth/revocation';
import { startIdentityServer, type IdentityServer } from './identityServer';

/** A dev identity provider the process configuration trusts, and a Redis key prefix of this test file. */
export interface AuthEnvironment {
  idp: IdentityServer;
  redisKeyPrefix: string;
  close(): Promise<void>;
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = await getRedis();
  if (!redis) return;
  const keys: string[] = [];
  for await (const batch of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) keys.push(...batch);
  if (keys.length > 0) await redis.del(keys);
}

/**
 * Points AUTH_METADATA_URL and AUTH_AUDIENCE at a fresh dev identity provider and REDIS_KEY_PREFIX at a
 * prefix of its own, with `env` on top; close() deletes the prefix's keys and closes shared clients.
 */
export async function startAuthEnvironment(env: Record<string, string> = {}): Promise<AuthEnvironment> {
  const idp = await startIdentityServer();
  const redisKeyPrefix = `test:auth:${randomUUID()}:`;
  Object.assign(process.env, {
    AUTH_METADATA_URL: idp.provider.metadataUrl,
    AUTH_AUDIENCE: idp.provider.audience,
    REDIS_KEY_PREFIX: redisKeyPrefix,
    ...env,
  });
  resetConfig();
  resetRevocationStore();

  return {
    idp,
    redisKeyPrefix,
    close: async () => {
      await deleteKeys(redisKeyPrefix).catch(() => undefined);
      await shutdown();
      resetRevocationStore();
      await idp.close();
    },
  };
}
