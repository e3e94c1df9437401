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
  /**
   * Stops accepting connections and requests (503 on connections still open), lets the app's requests
   * in flight finish (at most `graceMs`, default CLOSE_GRACE_MS; then 503 and cut) and resolves only once
   * their handlers have returned, so nothing still holds a database connection.
   */
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

/** How long close() lets requests in flight finish by default, in ms. */
export const CLOSE_GRACE_MS = 10_000;

/** The requests a server is answering: their responses, and the app dispatches still running. */
interface InFlight {
  responses: Set<ServerResponse>;
  handlers: Set<Promise<void>>;
  closing: boolean;
}

/** Tracks a request until its response is closed and `handler` (when given) has returned. */
function track(inFlight: InFlight, res: ServerResponse, handler?: Promise<void>): void {
  inFlight.responses.add(res);
  const answered = new Promise<void>((resolve) => res.once('close', resolve));
  const done = Promise.all([answered, handler]).then(() => undefined);
  inFlight.handlers.add(done);
  void done.finally(() => {
    inFlight.responses.delete(res);
    inFlight.handlers.delete(done);
  });
}

/** Answers what is still unanswered with 503 and cuts every connection. */
function cutLeftovers(server: Server, inFlight: InFlight): void {
  for (const res of inFlight.responses) {
    if (res.headersSent) continue;
    const detail = 'The devhost stopped before this request finished.';
    writeResponse(res, problemResponse('unavailable', pathOf(res.req), requestId(res.req), { detail }), true);
  }
  server.closeAllConnections();
}

function settled(handlers: Set<Promise<void>>, graceMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)));
  const done = (async () => {
    while (handlers.size > 0) await Promise.allSettled([...handlers]);
    return true;
  })();
  return Promise.race([done, late]).finally(() => clearTimeout(timer));
}

/**
 * Stops accepting connections, answers requests that arrive on open connections with 503, closes each
 * connection once its response is written, and waits for the app's handlers (and the database work
 * they hold) to finish; after `graceMs` what is left is answered 503 and cut.
 */
async function closeServer(server: Server, inFlight: InFlight, graceMs: number): Promise<void> {
  inFlight.closing = true;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  for (const res of inFlight.responses) if (!res.headersSent) res.shouldKeepAlive = false;
  server.closeIdleConnections();
  if (!(await settled(inFlight.handlers, graceMs))) cutLeftovers(server, inFlight);
  server.closeIdleConnections();
  await closed;
}

function refuseWhileClosing(req: IncomingMessage, res: ServerResponse): void {
  const detail = 'The devhost is stopping.';
  const problem = problemResponse('unavailable', pathOf(req), requestId(req), { detail });
  writeResponse(res, problem, true);
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
  const inFlight: InFlight = { responses: new Set(), handlers: new Set(), closing: false };
  const server = createServer(timeouts, (req, res) => {
    if (inFlight.closing) return refuseWhileClosing(req, res);
    const path = pathOf(req);
    if (mounted.some((m) => path.startsWith(m.pathPrefix) && m.handle(req, res))) return track(inFlight, res);
    const handler = serveApp(req, res, dispatch).catch(() => {
      if (!res.headersSent) writeResponse(res, problemResponse('internal', path, requestId(req)), true);
      else res.destroy();
    });
    track(inFlight, res, handler);
  });
  server.on('clientError', answerClientError);
  const bound = await listen(server, port, host);

  return {
    server,
    port: bound,
    url: `http://${host}:${bound}`,
    setDispatch: (d) => (dispatch = d),
    mount: (handler) => mounted.push(handler),
    close: (graceMs = CLOSE_GRACE_MS) => closeServer(server, inFlight, graceMs),
  };
}
