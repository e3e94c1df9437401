import type { HttpMethod as AzureHttpMethod } from '@azure/functions';
import type { EndpointSpec } from './endpoint';

/** The methods an endpoint is registered for: its own, plus HEAD for GET endpoints. */
export function registeredMethods(spec: EndpointSpec): AzureHttpMethod[] {
  return spec.method === 'GET' ? ['GET', 'HEAD'] : [spec.method];
}
