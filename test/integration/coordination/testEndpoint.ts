import { Type, type TObject } from '@sinclair/typebox';
import { defineEndpoint, type EndpointSchemas, type EndpointSpec } from '../../../shared/http/endpoint';
import type { AuthEnvironment } from '../../support/authEnvironment';
import { callEndpoint, type RawAnswer } from '../../support/fixtures/callEndpoint';

const OkSchema = Type.Object({ ok: Type.Boolean() });

type OkSchemas = { response: TObject<{ ok: typeof OkSchema.properties.ok }> };

/** Settings a test endpoint sets; the rest default to an authenticated GET answering `{ ok: true }`. */
type TestEndpointOptions<S extends EndpointSchemas> = Partial<EndpointSpec<S>> & Pick<EndpointSpec<S>, 'name'>;

/** An endpoint spec for pipeline tests: GET v1/test/<name>, Signoff.Reader, rate class read, no idempotency. */
export function testEndpoint<S extends EndpointSchemas = OkSchemas>(options: TestEndpointOptions<S>): EndpointSpec<S> {
  return defineEndpoint({
    method: 'GET',
    route: `v1/test/${options.name}`,
    summary: 'test endpoint',
    tags: ['test'],
    access: { role: 'Signoff.Reader' },
    rateClass: 'read',
    idempotency: 'none',
    successStatus: 200,
    schemas: { response: OkSchema } as unknown as S,
    handler: async () => ({ body: { ok: true } }) as never,
    ...options,
  });
}

/** A promise and the function that resolves it. */
export function deferred(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Resolves once `count()` reaches `atLeast`, polling every 5 ms. */
export async function until(count: () => number, atLeast: number): Promise<void> {
  while (count() < atLeast) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** Who calls in callAs, and what else the request carries. */
export interface Caller {
  user: string;
  roles?: string[];
  clientAppId?: string;
  headers?: Record<string, string>;
}

/** Calls `spec` through the pipeline with a fresh dev token of `caller` (Signoff.Reader by default). */
export async function callAs(env: AuthEnvironment, spec: EndpointSpec, caller: Caller): Promise<RawAnswer> {
  const { user, roles = ['Signoff.Reader'], clientAppId } = caller;
  const token = await env.idp.provider.issueToken({ user, roles, ...(clientAppId ? { clientAppId } : {}) });
  return callEndpoint(spec, { headers: { authorization: `Bearer ${token}`, ...caller.headers } });
}
