import { app } from '@azure/functions';
import type { EndpointSchemas, EndpointSpec } from './endpoint';
import { registeredMethods } from './methods';
import { toHandler } from './pipeline';
import { recordEndpoint } from './registry';

/**
 * Registers endpoint specs as Azure Functions HTTP triggers (anonymous at the host level: the pipeline
 * authenticates) and records them for the OpenAPI document. A GET endpoint answers HEAD as well.
 * @throws when two specs share a name.
 */
export function registerEndpoints(...specs: EndpointSpec<EndpointSchemas>[]): void {
  for (const spec of specs) {
    recordEndpoint(spec);
    app.http(spec.name, {
      methods: registeredMethods(spec),
      route: spec.route,
      authLevel: 'anonymous',
      handler: toHandler(spec),
    });
  }
}
