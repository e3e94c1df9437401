import type { EndpointResult, EndpointSchemas, EndpointSpec, RequestContext } from '../http/endpoint';
import { runIdempotent } from './idempotencyStep';
import { shedIfSaturated } from './loadShedding';
import { withTenantSlot } from './tenantSlots';

/**
 * Runs an endpoint's handler behind the coordination guards, in this order: load shedding while the
 * database pool is saturated (authenticated endpoints; 503), the per-tenant concurrency cap for specs
 * marked `expensive` (429), then Idempotency-Key handling for unsafe methods (replay, 409, 422).
 * Returns the handler's result, or a replayed one carrying `Idempotent-Replayed: true`.
 * @throws Problem from any guard, or whatever the handler throws.
 */
export async function runGuarded<S extends EndpointSchemas>(
  spec: EndpointSpec<S>,
  ctx: RequestContext<S>,
): Promise<EndpointResult<S>> {
  if (spec.access !== 'public') await shedIfSaturated(ctx.log);

  const run = () => runIdempotent(spec, ctx, (guarded) => spec.handler(guarded));
  if (spec.expensive === true && ctx.principal !== undefined) {
    return withTenantSlot(ctx.principal.tenantId, run, ctx.log);
  }
  return run();
}
