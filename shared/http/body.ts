import type { HttpRequest } from '@azure/functions';
import { Problem } from './problem';

/** Largest request body accepted, in bytes (1 MiB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** True for application/json and any +json media type, parameters ignored. */
export function isJsonMediaType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const essence = contentType.split(';')[0]!.trim().toLowerCase();
  return essence === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(essence);
}

async function readCapped(request: HttpRequest): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new Problem('payload_too_large');
  if (request.body === null) return '';

  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of request.body) {
    total += chunk.byteLength;
    if (total > MAX_BODY_BYTES) throw new Problem('payload_too_large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Reads and parses a JSON request body: 413 above MAX_BODY_BYTES, 415 unless the content type is JSON,
 * 400 malformed_json when it does not parse. An empty body gives undefined.
 * @throws Problem
 */
export async function readJsonBody(request: HttpRequest): Promise<unknown> {
  const text = await readCapped(request);
  if (text.length === 0) return undefined;
  if (!isJsonMediaType(request.headers.get('content-type'))) throw new Problem('unsupported_media_type');

  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Problem('malformed_json');
  }
}
