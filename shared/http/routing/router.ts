import { comparePrecedence, inboundPrecedence, matchTemplate, type RouteValues } from './routeMatch';
import { parseTemplate, type RouteTemplate } from './routeTemplate';

/** Anything routable: HTTP methods and an Azure route template below the route prefix. */
export interface Routable {
  methods: string[];
  route: string;
}

/** The outcome of routing one request. */
export type RouteResult<T> =
  | { kind: 'matched'; target: T; params: RouteValues }
  | { kind: 'method_not_allowed'; allow: string[] }
  | { kind: 'not_found' }
  | { kind: 'outside_prefix' };

interface CompiledRoute<T> {
  target: T;
  template: RouteTemplate;
  precedence: number[];
  methods: Set<string>;
}

/**
 * Routes requests to targets by ASP.NET Core precedence. The Azure Functions host instead takes the first
 * match in function-name order; the two agree when routingDisagreements (nameOrder.ts) finds nothing.
 */
export interface Router<T> {
  /** Routes `pathname` (percent-encoded, as in a URL) for `method`. */
  route(method: string, pathname: string): RouteResult<T>;
  /** Every target with its full path template ('/api/v1/cases/{caseId}'), in matching order. */
  table(): { target: T; path: string; methods: string[] }[];
}

function compile<T extends Routable>(target: T, order: number): CompiledRoute<T> & { order: number } {
  const template = parseTemplate(target.route);
  const methods = new Set(target.methods.map((m) => m.toUpperCase()));
  return { target, template, precedence: inboundPrecedence(template), methods, order };
}

function byPrecedence<T>(a: CompiledRoute<T> & { order: number }, b: CompiledRoute<T> & { order: number }) {
  const text = (r: CompiledRoute<T>) => r.template.text.toLowerCase();
  return comparePrecedence(a.precedence, b.precedence) || text(a).localeCompare(text(b)) || a.order - b.order;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return segment
      .split(/%2F/i)
      .map((piece) => decodeURIComponent(piece))
      .join('%2F');
  } catch {
    return undefined;
  }
}

/** The decoded path segments below `prefix`, or undefined when the path lies outside it. */
export function pathBelowPrefix(pathname: string, prefix: string): string[] | undefined {
  const segments = pathname.replace(/^\/+/, '').split('/');
  if (segments.length > 1 && segments[segments.length - 1] === '') segments.pop();
  const prefixSegments = prefix === '' ? [] : prefix.split('/');
  const head = segments.slice(0, prefixSegments.length);
  if (head.join('/').toLowerCase() !== prefixSegments.join('/').toLowerCase()) return undefined;

  const rest = segments.slice(prefixSegments.length);
  const decoded = rest.map(decodeSegment);
  if (decoded.some((s) => s === undefined)) return undefined;
  return rest.length === 1 && rest[0] === '' ? [] : (decoded as string[]);
}

/**
 * Builds a router over `targets`. Among the templates matching a path, ASP.NET Core precedence picks one:
 * literal segments beat parameters, constrained parameters beat free ones, parameters beat catch-alls,
 * so a `{*path}` fallback loses to every specific route. A path that matches only with another method
 * gives method_not_allowed with the methods that would match.
 * @throws when a template is malformed.
 */
export function createRouter<T extends Routable>(targets: readonly T[], prefix: string): Router<T> {
  const routes = targets.map(compile).sort(byPrecedence);
  const prefixPath = prefix === '' ? '' : `/${prefix}`;

  return {
    route(method, pathname) {
      const path = pathBelowPrefix(pathname, prefix);
      if (!path) return { kind: 'outside_prefix' };
      const allow = new Set<string>();
      for (const candidate of routes) {
        const params = matchTemplate(candidate.template, path);
        if (!params) continue;
        if (candidate.methods.has(method.toUpperCase())) return { kind: 'matched', target: candidate.target, params };
        candidate.methods.forEach((m) => allow.add(m));
      }
      return allow.size > 0 ? { kind: 'method_not_allowed', allow: [...allow].sort() } : { kind: 'not_found' };
    },
    table: () =>
      routes.map((r) => ({ target: r.target, path: `${prefixPath}/${r.template.text}`, methods: [...r.methods] })),
  };
}
