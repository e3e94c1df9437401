import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requestIdFrom } from '../shared/http/requestId';
import { answerClientError, HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, TIMEOUT_CHECK_INTERVAL_MS } from './clientErrors';
import { HOST_BODY_LIMIT_DETAIL, HOST_MAX_BODY_BYTES, type Dispatch } from './dispatch';
import { problemResponse, type DispatchResponse } from './response';

/** Something serving its own paths beside the app (the dev identity provider, the durable API, ...). */
export interface MountedHandler {
  pathPrefix: string;
  /** Serves the request and returns true when it is one of its own; returns false to pass it on. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
}

/** The devhost's HTTP server. */
export interface DevServer {
  server: Server;
  port: number;
  /** Base URL without a trailing slash: 'http://127.0.0.1:7071'. */
  url: string;
  /** Starts handing requests to the app; until then the server answers 503 unavailable. */
  setDispatch(dispatch: Dispatch): void;
  /** Serves `handler`'s paths ahead of the app. */
  mount(handler: MountedHandler): void;
  /** Stops accepting connections, lets requests in flight finish (at most `graceMs`), then closes. */
  close(graceMs?: number): Promise<void>;
}

/** Thrown by readRequestBody above its limit. */
export class BodyTooLarge extends Error {}

/** Reads a whole request body, refusing more than `limit` bytes. @throws BodyTooLarge */
export function readRequestBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let total = 0;
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        req.removeAllListeners('data');
        reject(new BodyTooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** How long the rest of a refused body is read and dropped before the connection is cut, in ms. */
const LINGER_MS = 2000;

/**
 * Reads and drops the rest of a refused body, so the client, still sending, reads the 413 instead of a
 * reset connection; cuts the connection when the client keeps sending past LINGER_MS.
 */
export function discardRest(req: IncomingMessage): void {
  if (req.readableEnded) return;
  const cut = setTimeout(() => req.socket.destroy(), LINGER_MS);
  cut.unref();
  req.once('end', () => clearTimeout(cut));
  req.resume();
}

/** Every header of a request, repeated ones joined as a list: none is dropped, unlike req.headers. */
function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    if (values !== undefined) headers[name] = values.join(name === 'cookie' ? '; ' : ', ');
  }
  return headers;
}

/** Writes a dispatch response with its content length; `close` ends the connection after it. */
export function writeResponse(res: ServerResponse, response: DispatchResponse, close = false): void {
  const headers = { ...response.headers };
  if (close) headers['connection'] = 'close';
  if (response.status !== 204 && response.status !== 304) headers['content-length'] = String(response.body.length);
  res.writeHead(response.status, headers);
  res.end(response.status === 204 || response.status === 304 ? undefined : response.body);
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0] ?? '/';
}

/** The request id of a raw request: its safe x-request-id, else a new one. */
export function requestId(req: IncomingMessage): string {
  return requestIdFrom(new Headers(flatHeaders(req)));
}

async function serveApp(req: IncomingMessage, res: ServerResponse, dispatch: Dispatch | undefined): Promise<void> {
  if (!dispatch) {
    const detail = 'The devhost is still starting; retry in a moment.';
    return writeResponse(
      res,
      problemResponse('unavailable', pathOf(req), requestId(req), { detail, headers: { 'retry-after': '1' } }),
    );
  }
  let body: Buffer;
  try {
    body = await readRequestBody(req, HOST_MAX_BODY_BYTES);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    const problem = problemResponse('payload_too_large', pathOf(req), requestId(req), {
      detail: HOST_BODY_LIMIT_DETAIL,
    });
    writeResponse(res, problem);
    return discardRest(req);
  }
  const response = await dispatch({
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: flatHeaders(req),
    body,
  });
  writeResponse(res, response);
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * Starts the devhost's HTTP server on `host`:`port` (0 picks a free port). Mounted handlers get their
 * paths first; everything else is read (at most 100 MiB, else 413 problem+json) and dispatched, with
 * repeated headers joined. What Node's parser refuses, and requests not sent in full within the
 * timeouts of clientErrors.ts, get problem+json too (400, 431, 408).
 * @throws when the port cannot be bound (EADDRINUSE, ...).
 */
export async function startDevServer(port: number, host = '127.0.0.1'): Promise<DevServer> {
  let dispatch: Dispatch | undefined;
  const mounted: MountedHandler[] = [];

  const timeouts = {
    headersTimeout: HEADERS_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
  };
  const server = createServer(timeouts, (req, res) => {
    const path = pathOf(req);
    if (mounted.some((m) => path.startsWith(m.pathPrefix) && m.handle(req, res))) return;
    serveApp(req, res, dispatch).catch(() => {
      if (!res.headersSent) writeResponse(res, problemResponse('internal', path, requestId(req)), true);
      else res.destroy();
    });
  });
  server.on('clientError', answerClientError);
  const bound = await listen(server, port, host);

  return {
    server,
    port: bound,
    url: `http://${host}:${bound}`,
    setDispatch: (d) => (dispatch = d),
    mount: (handler) => mounted.push(handler),
    close: (graceMs = 5000) => closeServer(server, graceMs),
  };
}
