import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

/** File, inside the key directory, holding the dev signing keys (private JWKs, newest last). */
export const KEY_FILE = 'idp-signing-keys.json';

/** A signing key: its id, the private key, and the public JWK published in the key set. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey | Uint8Array;
  publicJwk: JWK;
}

const PUBLIC_MEMBERS = ['kty', 'n', 'e', 'kid', 'alg', 'use'] as const;

function publicPart(jwk: JWK): JWK {
  return Object.fromEntries(PUBLIC_MEMBERS.filter((m) => jwk[m] !== undefined).map((m) => [m, jwk[m]])) as JWK;
}

async function newPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

async function readJwks(file: string): Promise<JWK[] | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { keys?: JWK[] };
    return Array.isArray(parsed.keys) && parsed.keys.length > 0 ? parsed.keys : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes to a temporary file first so a reader in another process never sees half a file. */
async function writeTemp(dir: string, keys: JWK[]): Promise<string> {
  const temp = join(dir, `.${KEY_FILE}.${process.pid}.${randomUUID()}`);
  await writeFile(temp, JSON.stringify({ keys }, null, 2), { mode: 0o600 });
  return temp;
}

/** Creates the key file unless another process got there first; either way returns the file's keys. */
async function createOnce(dir: string, file: string): Promise<JWK[]> {
  await mkdir(dir, { recursive: true });
  const temp = await writeTemp(dir, [await newPrivateJwk()]);
  try {
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(temp, { force: true });
  }
  return (await readJwks(file)) ?? [];
}

async function toSigningKey(jwk: JWK): Promise<SigningKey> {
  return { kid: jwk.kid ?? '', privateKey: await importJWK(jwk, 'RS256'), publicJwk: publicPart(jwk) };
}

/** The signing keys kept in `dir` (created with one RSA key pair on first use), oldest first. */
export async function loadSigningKeys(dir: string): Promise<SigningKey[]> {
  const file = join(dir, KEY_FILE);
  const jwks = (await readJwks(file)) ?? (await createOnce(dir, file));
  return Promise.all(jwks.map(toSigningKey));
}

/** Adds a new key pair to `dir`; it signs from now on while the older keys stay published. */
export async function rotateSigningKey(dir: string): Promise<void> {
  const file = join(dir, KEY_FILE);
  const existing = (await readJwks(file)) ?? [];
  await mkdir(dir, { recursive: true });
  await rename(await writeTemp(dir, [...existing, await newPrivateJwk()]), file);
}
