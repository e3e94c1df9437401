import { decodeJwt, exportSPKI, importJWK, SignJWT, type CryptoKey } from 'jose';
import { loadSigningKeys } from '../../devhost/identity/keyStore';

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The claims of `token` with `changes` applied, re-encoded over the original signature. */
export function tampered(token: string, changes: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${encode({ ...decodeJwt(token), ...changes })}.${signature}`;
}

/** An unsigned token (alg none) carrying the claims of `token`. */
export function unsigned(token: string): string {
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(decodeJwt(token))}.`;
}

/** The claims of `token` signed with HS256 using the provider's RSA public key (PEM) as the HMAC secret. */
export async function hmacWithPublicKey(token: string, keyDir: string): Promise<string> {
  const keys = await loadSigningKeys(keyDir);
  const publicKey = await importJWK(keys[keys.length - 1]!.publicJwk, 'RS256', { extractable: true });
  const pem = await exportSPKI(publicKey as CryptoKey);
  const kid = keys[keys.length - 1]!.kid;
  return new SignJWT(decodeJwt(token))
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid })
    .sign(new TextEncoder().encode(pem));
}
