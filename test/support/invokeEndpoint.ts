import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import type { EndpointSchemas, EndpointSpec } from '../../shared/http/endpoint';
import { toHandler } from '../../shared/http/pipeline';

/** What a test sends through the pipeline. */
export interface EndpointCall {
  token?: string;
  headers?: Record<string, string>;
  params?: Record<string, string>;
  /** Path and query after the origin; defaults to '/api/' + the spec's route. */
  path?: string;
  /** Collects every log line the invocation writes (message and fields as JSON). */
  logs?: string[];
}

/** The pipeline's answer, with the JSON body parsed. */
export interface EndpointAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

function headersOf(init: HttpResponseInit): Record<string, string> {
  return Object.fromEntries(new Headers(init.headers as Record<string, string> | undefined));
}

/** Runs one request through the real endpoint pipeline of `spec` (toHandler), in process. */
export async function invokeEndpoint(
  spec: EndpointSpec<EndpointSchemas>,
  call: EndpointCall = {},
): Promise<EndpointAnswer> {
  const headers = { ...call.headers, ...(call.token === undefined ? {} : { authorization: `Bearer ${call.token}` }) };
  const request = new HttpRequest({
    method: spec.method,
    url: `http://127.0.0.1${call.path ?? `/api/${spec.route}`}`,
    headers,
    params: call.params ?? {},
  });
  const logHandler = (_level: string, ...args: unknown[]) => call.logs?.push(JSON.stringify(args));
  const context = new InvocationContext({ functionName: spec.name, logHandler });
  const response = (await toHandler(spec)(request, context)) as HttpResponseInit;
  const text = typeof response.body === 'string' ? response.body : '';
  return { status: response.status ?? 200, headers: headersOf(response), body: text ? JSON.parse(text) : {} };
}
