import { routingDisagreements } from '../shared/http/routing/nameOrder';
import type { Logger } from '../shared/telemetry/logger';
import type { LoadedApp } from './registrations';

/**
 * Warns, once per request shape, where the Azure host would call another function than the devhost:
 * Azure takes the first matching route in function-name order, the devhost ASP.NET Core precedence.
 * Returns how many disagreements it found.
 */
export function warnAboutAzureRouting(app: LoadedApp, routePrefix: string, log: Logger): number {
  const found = routingDisagreements(app.http, routePrefix);
  for (const disagreement of found) {
    log.warn('route resolves to another function on Azure', {
      method: disagreement.method,
      path: disagreement.path,
      azureFunction: disagreement.azure,
      devhostFunction: disagreement.precedence,
    });
  }
  return found.length;
}
