import type { HttpRequest } from '@azure/functions';
import { jsonLimitError } from './jsonLimits';
import { Problem } from './problem';

/** Largest request body accepted, in bytes (1 MiB). */
export const MAX_BODY_BYTES = 1024 * 1024;

function mediaType(contentType: string): { essence: string; charset: string | undefined } {
  const [essence, ...parameters] = contentType.split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length);
  return { essence: essence!, charset: charset?.replace(/^"|"$/g, '') };
}

/** True for application/json and any +json media type, parameters ignored. */
export function isJsonMediaType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const { essence } = mediaType(contentType);
  return essence === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(essence);
}

function assertJsonContentType(contentType: string | null): void {
  if (!isJsonMediaType(contentType)) throw new Problem('unsupported_media_type');
  const { charset } = mediaType(contentType!);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new Problem('unsupported_media_type', { detail: 'Send JSON encoded as UTF-8 (charset=utf-8 or none).' });
  }
}

/**
 * The raw request body, at most MAX_BODY_BYTES: a declared Content-Length above the limit is refused
 * before reading, and the stream is cut off at the limit whatever Content-Length claims.
 * @throws Problem payload_too_large
 */
export async function readBodyBytes(request: HttpRequest): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new Problem('payload_too_large');
  if (request.body === null) return Buffer.alloc(0);

  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of request.body as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > MAX_BODY_BYTES) throw new Problem('payload_too_large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function assertIdentityEncoding(contentEncoding: string | null): void {
  const coding = contentEncoding?.trim().toLowerCase() ?? '';
  if (coding !== '' && coding !== 'identity') {
    throw new Problem('unsupported_media_type', { detail: 'Send the body without a Content-Encoding (uncompressed).' });
  }
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Problem('malformed_json', { detail: 'The request body is not valid UTF-8; send JSON as UTF-8.' });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Problem('malformed_json');
  }
}

/**
 * Reads and parses a JSON request body: 413 above MAX_BODY_BYTES, 415 unless the content type is JSON
 * in UTF-8 with no Content-Encoding, 400 malformed_json when it is not valid UTF-8 or does not parse,
 * 400 validation_failed (pointer below /body) when it nests deeper than MAX_JSON_DEPTH, holds a number
 * beyond a double's range or an unpaired surrogate. An empty body gives undefined.
 * @throws Problem
 */
export async function readJsonBody(request: HttpRequest): Promise<unknown> {
  const bytes = await readBodyBytes(request);
  if (bytes.length === 0) return undefined;
  assertJsonContentType(request.headers.get('content-type'));
  assertIdentityEncoding(request.headers.get('content-encoding'));

  const value = parseJson(decodeUtf8(bytes));
  const error = jsonLimitError(value, '/body');
  if (error) throw new Problem('validation_failed', { errors: [error] });
  return value;
}
