import { createRouter, type Routable } from './router';
import { matchTemplate } from './routeMatch';
import { parseTemplate, type ParameterPart, type RouteTemplate, type TemplateSegment } from './routeTemplate';

/** An HTTP function as the host indexes it: its name, methods and route below the prefix. */
export interface NamedRoute extends Routable {
  name: string;
}

/** Two routers that picked different functions for the same request. */
export interface RoutingDisagreement {
  method: string;
  path: string;
  /** The function the Azure Functions host picks: the first match in function-name order. */
  azure: string;
  /** The function ASP.NET Core precedence (the devhost's router) picks. */
  precedence: string;
}

/**
 * Orders function names as the Azure Functions host indexes them (StringComparer.OrdinalIgnoreCase:
 * upper-cased, then compared code unit by code unit). The host tries HTTP routes in this order.
 */
export function compareFunctionNames(a: string, b: string): number {
  const [x, y] = [a.toUpperCase(), b.toUpperCase()];
  return x < y ? -1 : x > y ? 1 : 0;
}

const SAMPLE_VALUES = ['sample', '1', '3f1c2a9e-8d4b-4f6a-9c3e-2b7d5e1a0c4f', 'true', '2026-01-01'];

function sampleValue(part: ParameterPart): string | undefined {
  return SAMPLE_VALUES.find((value) => part.constraints.every((accepts) => accepts(value)));
}

function sampleSegment(segment: TemplateSegment): string | undefined {
  const pieces = segment.parts.map((part) => (part.kind === 'literal' ? part.text : sampleValue(part)));
  return pieces.includes(undefined) ? undefined : pieces.join('');
}

/** A path the template matches, every parameter filled with a value its constraints accept. */
function samplePath(template: RouteTemplate): string[] | undefined {
  const segments = template.segments.map(sampleSegment);
  return segments.includes(undefined) ? undefined : (segments as string[]);
}

function azureChoice(ordered: NamedRoute[], templates: Map<NamedRoute, RouteTemplate>, method: string, path: string[]) {
  return ordered.find((r) => r.methods.includes(method) && matchTemplate(templates.get(r)!, path) !== undefined);
}

/**
 * Every sample request (one per route and method) that the Azure host and ASP.NET precedence would send to
 * different functions, such as 'cases/search' shadowed by an earlier-named 'cases/{caseId}'. An empty list
 * means the devhost routes like Azure. Use route constraints ({caseId:guid}) or names to resolve one.
 * @throws when a template is malformed.
 */
export function routingDisagreements(routes: readonly NamedRoute[], prefix: string): RoutingDisagreement[] {
  const templates = new Map(routes.map((r) => [r, parseTemplate(r.route)] as const));
  const ordered = [...routes].sort((a, b) => compareFunctionNames(a.name, b.name));
  const router = createRouter(routes, prefix);
  const found: RoutingDisagreement[] = [];

  for (const route of routes) {
    const path = samplePath(templates.get(route)!);
    for (const method of path ? route.methods : []) {
      const outcome = router.route(method, `/${[prefix, ...path!].filter((s) => s !== '').join('/')}`);
      const azure = azureChoice(ordered, templates, method, path!);
      const precedence = outcome.kind === 'matched' ? outcome.target.name : undefined;
      if (azure && precedence && azure.name !== precedence) {
        found.push({ method, path: `/${path!.join('/')}`, azure: azure.name, precedence });
      }
    }
  }
  return found;
}
