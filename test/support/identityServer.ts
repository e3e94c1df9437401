import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createDevIdentityProvider,
  type DevIdentityProvider,
  type DevIdentityProviderOptions,
} from '../../devhost/identity/provider';

/** A dev identity provider on a real loopback port, counting the requests each path received. */
export interface IdentityServer {
  provider: DevIdentityProvider;
  baseUrl: string;
  keyDir: string;
  /** How many requests a path (e.g. '/devhost/idp/{tenant}/discovery/v2.0/keys') has received. */
  hits(pathSuffix: string): number;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

/** Starts a dev identity provider with fresh keys in a temporary directory (removed on close). */
export async function startIdentityServer(
  options: Omit<DevIdentityProviderOptions, 'baseUrl' | 'keyDir'> = {},
): Promise<IdentityServer> {
  const keyDir = await mkdtemp(join(tmpdir(), 'signoff-idp-'));
  const counts = new Map<string, number>();
  const ready: { provider?: DevIdentityProvider } = {};
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    if (!ready.provider?.handle(req, res)) res.writeHead(404).end();
  });
  const baseUrl = `http://127.0.0.1:${await listen(server)}`;
  const provider = await createDevIdentityProvider({ ...options, baseUrl, keyDir });
  ready.provider = provider;

  return {
    provider,
    baseUrl,
    keyDir,
    hits: (suffix) => [...counts].filter(([path]) => path.endsWith(suffix)).reduce((sum, [, n]) => sum + n, 0),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(keyDir, { recursive: true, force: true });
    },
  };
}
