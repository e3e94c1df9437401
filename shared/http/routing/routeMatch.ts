import { soleParameter, type ParameterPart, type RouteTemplate, type TemplateSegment } from './routeTemplate';

/** Route values by parameter name, decoded. */
export type RouteValues = Record<string, string>;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function satisfies(part: ParameterPart, value: string): boolean {
  return part.constraints.every((accepts) => accepts(value));
}

function matchComplex(segment: TemplateSegment, value: string, values: RouteValues): boolean {
  const pattern = segment.parts.map((p) => (p.kind === 'literal' ? escapeRegExp(p.text) : '(.+)')).join('');
  const found = new RegExp(`^${pattern}$`, 'i').exec(value);
  if (!found) return false;
  const parameters = segment.parts.filter((p): p is ParameterPart => p.kind === 'parameter');
  return parameters.every((part, i) => {
    values[part.name] = found[i + 1]!;
    return satisfies(part, found[i + 1]!);
  });
}

function matchSegment(segment: TemplateSegment, value: string, values: RouteValues): boolean {
  const parameter = soleParameter(segment);
  if (!parameter) {
    const [only] = segment.parts;
    if (segment.parts.length === 1 && only?.kind === 'literal') return only.text.toLowerCase() === value.toLowerCase();
    return matchComplex(segment, value, values);
  }
  if (value === '' || !satisfies(parameter, value)) return false;
  values[parameter.name] = value;
  return true;
}

function matchMissing(segment: TemplateSegment, values: RouteValues): boolean {
  const parameter = soleParameter(segment);
  if (!parameter) return false;
  if (parameter.defaultValue !== undefined) values[parameter.name] = parameter.defaultValue;
  return parameter.optional || parameter.catchAll || parameter.defaultValue !== undefined;
}

function matchCatchAll(parameter: ParameterPart, rest: string[], values: RouteValues): boolean {
  const value = rest.join('/');
  if (value === '') {
    if (parameter.defaultValue !== undefined) values[parameter.name] = parameter.defaultValue;
    return true;
  }
  values[parameter.name] = value;
  return satisfies(parameter, value);
}

/**
 * Matches decoded path segments (below the route prefix) against a template; undefined when it does not
 * match. Literals compare case-insensitively; a catch-all takes the rest of the path, slashes included.
 */
export function matchTemplate(template: RouteTemplate, path: string[]): RouteValues | undefined {
  const values: RouteValues = {};
  for (const [index, segment] of template.segments.entries()) {
    const parameter = soleParameter(segment);
    if (parameter?.catchAll) return matchCatchAll(parameter, path.slice(index), values) ? values : undefined;
    const value = path[index];
    const matched = value === undefined ? matchMissing(segment, values) : matchSegment(segment, value, values);
    if (!matched) return undefined;
  }
  return path.length <= template.segments.length ? values : undefined;
}

function precedenceDigit(segment: TemplateSegment): number {
  if (segment.parts.length > 1) return 2;
  const part = segment.parts[0]!;
  if (part.kind === 'literal') return 1;
  const digit = part.catchAll ? 5 : 3;
  return part.constraints.length > 0 ? digit - 1 : digit;
}

/**
 * ASP.NET Core inbound precedence, one digit per segment: 1 literal, 2 constrained parameter or complex
 * segment, 3 parameter, 4 constrained catch-all, 5 catch-all. Read as a decimal fraction, lower matches
 * first: 'cases/new' (1.1) beats 'cases/{id}' (1.3), which beats '{*path}' (5).
 */
export function inboundPrecedence(template: RouteTemplate): number[] {
  return template.segments.map(precedenceDigit);
}

/** Orders two precedences as decimals (missing digits count as 0); negative when `a` matches first. */
export function comparePrecedence(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}
