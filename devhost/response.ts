import { HttpResponse, type Cookie, type HttpResponseInit } from '@azure/functions';
import type { ProblemCode } from '../shared/http/catalogue';
import { PROBLEM_CONTENT_TYPE, Problem, problemBody, type ProblemOptions } from '../shared/http/problem';
import { REQUEST_ID_HEADER } from '../shared/http/respond';

/** A response as the devhost writes it to the socket. */
export interface DispatchResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** An application/problem+json response the devhost answers itself (no route, handler crash, ...). */
export function problemResponse(
  code: ProblemCode,
  instance: string,
  requestId: string,
  options: ProblemOptions = {},
): DispatchResponse {
  const problem = new Problem(code, options);
  return {
    status: problem.status,
    headers: { ...problem.headers, 'content-type': PROBLEM_CONTENT_TYPE, [REQUEST_ID_HEADER]: requestId },
    body: Buffer.from(JSON.stringify(problemBody(problem, instance, requestId))),
  };
}

/** A Set-Cookie header value for a cookie of an HttpResponseInit (RFC 6265 attributes). */
export function setCookie(cookie: Cookie): string {
  const attributes = [`${cookie.name}=${cookie.value}`];
  if (cookie.domain) attributes.push(`Domain=${cookie.domain}`);
  if (cookie.path) attributes.push(`Path=${cookie.path}`);
  if (cookie.expires !== undefined) attributes.push(`Expires=${new Date(cookie.expires).toUTCString()}`);
  if (cookie.maxAge !== undefined) attributes.push(`Max-Age=${cookie.maxAge}`);
  if (cookie.secure) attributes.push('Secure');
  if (cookie.httpOnly) attributes.push('HttpOnly');
  if (cookie.sameSite) attributes.push(`SameSite=${cookie.sameSite}`);
  return attributes.join('; ');
}

function headerRecord(response: HttpResponse): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of response.headers.entries()) if (name !== 'set-cookie') headers[name] = value;
  const cookies = [...response.headers.getSetCookie(), ...response.cookies.map(setCookie)];
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  return headers;
}

/**
 * Converts what an HTTP handler returned (HttpResponseInit or HttpResponse) the way the worker does:
 * through the library's HttpResponse, so jsonBody, string, Buffer and stream bodies, headers and cookies
 * come out as the host would send them. Nothing returned gives 204, as the host answers.
 * @throws when the result is neither an object nor nothing.
 */
export async function fromHandlerResult(result: unknown): Promise<DispatchResponse> {
  if (result === undefined || result === null) return { status: 204, headers: {}, body: Buffer.alloc(0) };
  if (typeof result !== 'object') throw new TypeError('An HTTP handler must return an HttpResponseInit object');

  const response = result instanceof HttpResponse ? result : new HttpResponse(result as HttpResponseInit);
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: headerRecord(response), body };
}
