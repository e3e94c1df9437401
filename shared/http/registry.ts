import type { EndpointSchemas, EndpointSpec } from './endpoint';

const specs: EndpointSpec[] = [];

/** Records a spec so the OpenAPI document and the fallback route know it. @throws on duplicate names. */
export function recordEndpoint(spec: EndpointSpec<EndpointSchemas>): void {
  if (specs.some((s) => s.name === spec.name)) throw new Error(`Duplicate endpoint name ${spec.name}`);
  specs.push(spec);
}

/** Every endpoint registered so far, in registration order. */
export function registeredEndpoints(): readonly EndpointSpec[] {
  return specs;
}
