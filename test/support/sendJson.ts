/** What one HTTP request answered; `body` is parsed JSON (or undefined for an empty body). */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answer fields freely
  body: any;
}

/** Options of one request: a JSON body and extra headers. */
export interface SendInit {
  body?: unknown;
  headers?: Record<string, string>;
}

/** Sends a request to `baseUrl` + `path` over HTTP with `token` as the bearer token and `body` as JSON. */
export async function sendJson(
  baseUrl: string,
  method: string,
  path: string,
  token: string,
  init: SendInit = {},
): Promise<HttpAnswer> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, ...init.headers };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: Object.fromEntries(res.headers),
    body: text === '' ? undefined : JSON.parse(text),
  };
}
