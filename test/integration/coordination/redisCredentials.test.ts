import { spawn, type ChildProcess } from 'node:child_process';
import { entraTokenProvider, REDIS_ENTRA_SCOPE } from '../../../shared/auth/azureTokens';
import { connectRedis, type RedisClient } from '../../../shared/coordination/redis';
import { entraRedisCredentials, wantsEntraAuth } from '../../../shared/coordination/redisCredentials';
import { createLogger } from '../../../shared/telemetry/logger';
import { freePort } from '../../support/ports';
import { StandInCredential } from '../../support/tokenCredential';

// A redis-server of this file's own, with an ACL user standing in for the app identity: it accepts the
// stand-in tokens 'token-1' to 'token-40' as passwords, as Azure Cache for Redis accepts Entra tokens.
const USER = '5f1e8d7a-6c24-4a68-9b0c-3d9b7c152e4f';
let server: ChildProcess;
let admin: RedisClient;
let url: string;
const quiet = createLogger(() => undefined);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function startServer(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
  ]);
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('Ready to accept') && resolve(child));
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
}

beforeAll(async () => {
  const port = await freePort();
  server = await startServer(port);
  url = `redis://127.0.0.1:${port}`;
  admin = await connectRedis(url, quiet);
  const passwords = Array.from({ length: 40 }, (_, i) => `>token-${i + 1}`);
  await admin.sendCommand(['ACL', 'SETUSER', USER, 'on', ...passwords, '~*', '+@all']);
});

afterAll(async () => {
  await admin.close();
  await new Promise((resolve) => {
    server.once('exit', resolve);
    server.kill('SIGKILL');
  });
});

describe('wantsEntraAuth', () => {
  it('is true for a user name without a password, as the Azure deployment sets REDIS_URL', () => {
    expect(wantsEntraAuth(new URL(`rediss://${USER}@cache.redis.cache.windows.net:6380`))).toBe(true);
  });

  it('is false without a user name, or with a password', () => {
    expect(wantsEntraAuth(new URL('redis://127.0.0.1:6379'))).toBe(false);
    expect(wantsEntraAuth(new URL('redis://user:secret@127.0.0.1:6379'))).toBe(false);
  });
});

describe('entraRedisCredentials', () => {
  it('signs in with the current token and reconnects with the newest one after the old one is withdrawn', async () => {
    const tokens = entraTokenProvider(new StandInCredential(2_000), REDIS_ENTRA_SCOPE, {
      refreshMarginMs: 1_500,
      retryMs: 100,
    });
    const client = await connectRedis(url, quiet, undefined, entraRedisCredentials(tokens, USER, quiet));
    try {
      expect(await client.sendCommand(['ACL', 'WHOAMI'])).toBe(USER);
      await sleep(700);
      const newest = await tokens.token();
      expect(newest).not.toBe('token-1');

      await admin.sendCommand(['ACL', 'SETUSER', USER, '<token-1']);
      await admin.sendCommand(['CLIENT', 'KILL', 'USER', USER]);
      await sleep(300);

      expect(await client.sendCommand(['ACL', 'WHOAMI'])).toBe(USER);
    } finally {
      client.destroy();
    }
  });

  it('re-authenticates the open connection with each refreshed token, logging a refused one', async () => {
    const warnings: string[] = [];
    const log = createLogger((level, message) => level === 'warn' && warnings.push(message), 'debug');
    const credential = new StandInCredential(2_000);
    const tokens = entraTokenProvider(credential, REDIS_ENTRA_SCOPE, { refreshMarginMs: 1_500, retryMs: 100 });
    const client = await connectRedis(url, quiet, undefined, entraRedisCredentials(tokens, USER, log));
    try {
      await admin.sendCommand(['ACL', 'SETUSER', USER, 'resetpass', '>token-1']);
      await sleep(700);

      expect(warnings).toContain('redis re-authentication failed');
    } finally {
      client.destroy();
      const passwords = Array.from({ length: 40 }, (_, i) => `>token-${i + 1}`);
      await admin.sendCommand(['ACL', 'SETUSER', USER, ...passwords]);
    }
  });
});
