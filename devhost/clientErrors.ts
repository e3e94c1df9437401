import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ProblemCode } from '../shared/http/catalogue';
import { requestIdFrom } from '../shared/http/requestId';
import { problemResponse } from './response';

/** Longest a client may take to send its request headers, in ms (the Azure host's Kestrel also waits 30 s). */
export const HEADERS_TIMEOUT_MS = 30_000;

/** Longest a client may take to send a whole request, headers and body, in ms. */
export const REQUEST_TIMEOUT_MS = 60_000;

/** How often the server looks for requests past those timeouts, in ms. */
export const TIMEOUT_CHECK_INTERVAL_MS = 1_000;

interface ParseFailure {
  code: ProblemCode;
  detail: string;
}

function failureOf(error: NodeJS.ErrnoException): ParseFailure {
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return { code: 'header_fields_too_large', detail: 'The request line and headers may take at most 16 KiB.' };
  }
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { code: 'request_timeout', detail: 'The request was not sent in full in time; send it again.' };
  }
  return { code: 'bad_request', detail: 'The request is not valid HTTP/1.1 (request line, headers or framing).' };
}

function rawResponse(failure: ParseFailure): string {
  const response = problemResponse(failure.code, '/', requestIdFrom(new Headers()), { detail: failure.detail });
  const headers = Object.entries({ ...response.headers, 'content-length': String(response.body.length) });
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}`];
  for (const [name, value] of headers) lines.push(`${name}: ${String(value)}`);
  lines.push('connection: close', '', response.body.toString());
  return lines.join('\r\n');
}

/**
 * The server's 'clientError' listener: a request Node's HTTP parser refuses (malformed request line or
 * headers, conflicting Content-Length and Transfer-Encoding, headers above the 16 KiB limit, a client too
 * slow to send its request) gets a problem+json answer (bad_request 400, header_fields_too_large 431,
 * request_timeout 408) and the connection is closed, where Node would send a bare status line.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  // As Node's own handler does: never write into a response that is already on its way.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight) {
    socket.destroy();
    return;
  }
  socket.end(rawResponse(failureOf(error)), () => socket.destroy());
}
