import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProblemCode } from '../../shared/http/catalogue';
import { problemResponse } from '../response';
import { BodyTooLarge, discardRest, readRequestBody, requestId, writeResponse, type MountedHandler } from '../server';
import { statusOf, TERMINAL, type Instance } from './instance';
import { DURABLE_API_PREFIX, type DurableClientData } from './clientData';
import { RunnerError, type OrchestrationRunner } from './runner';

/** Largest request body of the durable API, in bytes: inputs and event payloads. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

interface ApiRequest {
  method: string;
  segments: string[];
  query: URLSearchParams;
  body: Buffer;
}

interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

class ApiProblem extends Error {
  constructor(
    readonly code: ProblemCode,
    detail: string,
  ) {
    super(detail);
  }
}

const REFUSALS: Record<RunnerError['reason'], ProblemCode> = {
  orchestrator_not_found: 'bad_request',
  instance_exists: 'conflict',
  instance_not_found: 'not_found',
  instance_done: 'orchestration_finished',
};

function parseJson(body: Buffer): unknown {
  const text = body.toString('utf8').trim();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiProblem('malformed_json', 'The body of a durable API request must be JSON.');
  }
}

function managementPayload(data: DurableClientData, instanceId: string): Record<string, string> {
  const urls = Object.entries(data.managementUrls).filter(([key]) => key !== 'id');
  return {
    id: instanceId,
    ...Object.fromEntries(urls.map(([key, url]) => [key, url.replace(data.managementUrls['id']!, instanceId)])),
  };
}

function statusCode(instance: Instance): number {
  if (instance.status === 'Completed') return 200;
  return TERMINAL.has(instance.status) ? 400 : 202;
}

function flag(query: URLSearchParams, name: string, fallback: boolean): boolean {
  const value = query.get(name);
  return value === null ? fallback : value.toLowerCase() === 'true';
}

function matchesFilter(instance: Instance, query: URLSearchParams): boolean {
  const statuses = query.get('runtimeStatus')?.split(',').filter(Boolean);
  const from = query.get('createdTimeFrom');
  const to = query.get('createdTimeTo');
  if (statuses && statuses.length > 0 && !statuses.includes(instance.status)) return false;
  if (from && instance.createdTime < new Date(from)) return false;
  return !(to && instance.createdTime > new Date(to));
}

function statusOptions(query: URLSearchParams) {
  return {
    showHistory: flag(query, 'showHistory', false),
    showHistoryOutput: flag(query, 'showHistoryOutput', false),
    showInput: flag(query, 'showInput', true),
  };
}

/** One request to the durable API, answered from the runner. @throws ApiProblem, RunnerError */
function answer(req: ApiRequest, runner: OrchestrationRunner, data: DurableClientData): ApiResponse {
  const [resource, first, action, second] = req.segments;
  const reason = req.query.get('reason') ?? '';

  if (resource === 'orchestrators' && req.method === 'POST' && first && !second) {
    return accepted(data, runner.start(first, parseJson(req.body), action).instanceId);
  }
  if (resource !== 'instances') throw new ApiProblem('not_found', 'The devhost serves orchestrators/ and instances/.');
  if (!first) return collection(req, runner);
  if (!action) return single(req, runner, first);

  const instanceId = first;
  if (req.method !== 'POST') throw new ApiProblem('not_found', 'Instance operations are POST requests.');
  switch (action) {
    case 'raiseEvent':
      if (!second) throw new ApiProblem('bad_request', 'raiseEvent needs an event name.');
      runner.raiseEvent(instanceId, second, parseJson(req.body));
      return { status: 202 };
    case 'terminate':
      runner.terminate(instanceId, reason);
      return { status: 202 };
    case 'suspend':
      runner.suspend(instanceId, reason);
      return { status: 202 };
    case 'resume':
      runner.resume(instanceId, reason);
      return { status: 202 };
    case 'restart':
      return restart(req, runner, data, instanceId);
    default:
      throw new ApiProblem('bad_request', `The devhost does not support ${action} (rewind, entities).`);
  }
}

function accepted(data: DurableClientData, instanceId: string): ApiResponse {
  const payload = managementPayload(data, instanceId);
  return { status: 202, body: payload, headers: { location: payload['statusQueryGetUri']!, 'retry-after': '1' } };
}

function restart(req: ApiRequest, runner: OrchestrationRunner, data: DurableClientData, instanceId: string) {
  const previous = runner.get(instanceId);
  if (!previous) throw new RunnerError('instance_not_found', `No instance with ID '${instanceId}' exists`);
  const sameId = req.query.get('restartWithNewInstanceId')?.toLowerCase() === 'false';
  return accepted(data, runner.start(previous.name, previous.input, sameId ? instanceId : undefined).instanceId);
}

function single(req: ApiRequest, runner: OrchestrationRunner, instanceId: string): ApiResponse {
  const instance = runner.get(instanceId);
  if (!instance) throw new RunnerError('instance_not_found', `No instance with ID '${instanceId}' exists`);
  if (req.method === 'GET') return { status: statusCode(instance), body: statusOf(instance, statusOptions(req.query)) };
  if (req.method === 'DELETE') return { status: 200, body: { instancesDeleted: runner.purge(instanceId) ? 1 : 0 } };
  throw new ApiProblem('not_found', 'An instance answers GET and DELETE.');
}

function collection(req: ApiRequest, runner: OrchestrationRunner): ApiResponse {
  const matching = runner.list().filter((i) => matchesFilter(i, req.query));
  if (req.method === 'GET') return { status: 200, body: matching.map((i) => statusOf(i, statusOptions(req.query))) };
  if (req.method !== 'DELETE') throw new ApiProblem('not_found', 'instances/ answers GET and DELETE.');
  const deleted = matching.filter((i) => runner.purge(i.instanceId)).length;
  return deleted > 0 ? { status: 200, body: { instancesDeleted: deleted } } : { status: 404 };
}

function refusal(error: unknown): { code: ProblemCode; detail: string } {
  if (error instanceof ApiProblem) return { code: error.code, detail: error.message };
  if (error instanceof RunnerError) return { code: REFUSALS[error.reason], detail: error.message };
  if (error instanceof BodyTooLarge)
    return { code: 'payload_too_large', detail: 'Durable API bodies are limited to 10 MiB.' };
  throw error;
}

async function serve(req: IncomingMessage, res: ServerResponse, runner: OrchestrationRunner, data: DurableClientData) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const segments = url.pathname.slice(DURABLE_API_PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
  try {
    const body = await readRequestBody(req, MAX_BODY_BYTES);
    const response = answer({ method: req.method ?? 'GET', segments, query: url.searchParams, body }, runner, data);
    const payload = response.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(response.body));
    const headers = {
      ...response.headers,
      ...(response.body === undefined ? {} : { 'content-type': 'application/json' }),
    };
    writeResponse(res, { status: response.status, headers, body: payload });
  } catch (error) {
    const { code, detail } = refusal(error);
    writeResponse(res, problemResponse(code, url.pathname, requestId(req), { detail }));
    if (error instanceof BodyTooLarge) discardRest(req);
  }
}

/**
 * The Durable Functions HTTP API on the devhost (what the durable client calls, below
 * /runtime/webhooks/durabletask): start orchestrators, query, list and purge instances, raise events,
 * terminate, suspend, resume and restart. Rewind and entities are refused with 400.
 */
export function durableApi(runner: OrchestrationRunner, data: DurableClientData): MountedHandler {
  return {
    pathPrefix: DURABLE_API_PREFIX,
    handle(req, res) {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path !== DURABLE_API_PREFIX && !path.startsWith(`${DURABLE_API_PREFIX}/`)) return false;
      serve(req, res, runner, data).catch(() => {
        if (!res.headersSent) writeResponse(res, problemResponse('internal', path, requestId(req)));
        else res.destroy();
      });
      return true;
    },
  };
}
