import type { HttpResponseInit } from '@azure/functions';
import { PROBLEM_CONTENT_TYPE, problemBody, type Problem } from './problem';

/** Header carrying the request id, echoed on every response. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A JSON response with the request id header. */
export function jsonResponse(
  status: number,
  body: unknown,
  requestId: string,
  headers: Record<string, string> = {},
): HttpResponseInit {
  const init: HttpResponseInit = {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', [REQUEST_ID_HEADER]: requestId, ...headers },
  };
  if (status !== 204 && body !== undefined) init.body = JSON.stringify(body);
  return init;
}

/** An application/problem+json response for `problem`; `path` becomes its `instance`. */
export function problemResponse(problem: Problem, path: string, requestId: string): HttpResponseInit {
  return {
    status: problem.status,
    headers: { 'content-type': PROBLEM_CONTENT_TYPE, [REQUEST_ID_HEADER]: requestId, ...problem.headers },
    body: JSON.stringify(problemBody(problem, path, requestId)),
  };
}
