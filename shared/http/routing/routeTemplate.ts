import { compileConstraint, type RouteConstraint } from './routeConstraints';

/** A literal run of characters inside a segment; compared case-insensitively. */
export interface LiteralPart {
  kind: 'literal';
  text: string;
}

/** A `{name}` parameter: `{name?}` optional, `{name=value}` defaulted, `{*name}` catch-all. */
export interface ParameterPart {
  kind: 'parameter';
  name: string;
  optional: boolean;
  catchAll: boolean;
  defaultValue?: string;
  constraints: RouteConstraint[];
}

/** One '/'-separated segment of a template: a literal, a parameter, or a complex mix of both. */
export interface TemplateSegment {
  parts: (LiteralPart | ParameterPart)[];
}

/** A parsed route template. */
export interface RouteTemplate {
  text: string;
  segments: TemplateSegment[];
}

function splitOutsideParentheses(text: string, separator: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === separator && depth === 0) {
      pieces.push(current);
      current = '';
    } else current += ch;
  }
  pieces.push(current);
  return pieces;
}

function parseParameter(inner: string, route: string): ParameterPart {
  const stars = /^\*{1,2}/.exec(inner)?.[0].length ?? 0;
  let body = inner.slice(stars);
  const [beforeDefault, ...defaults] = splitOutsideParentheses(body, '=');
  body = beforeDefault!;
  const optional = body.endsWith('?');
  if (optional) body = body.slice(0, -1);
  const [name, ...constraints] = splitOutsideParentheses(body, ':');
  if (!name || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`Route "${route}": bad parameter {${inner}}`);

  const part: ParameterPart = {
    kind: 'parameter',
    name,
    optional,
    catchAll: stars > 0,
    constraints: constraints.map(compileConstraint),
  };
  if (defaults.length > 0) part.defaultValue = defaults.join('=');
  return part;
}

function parseSegment(text: string, route: string): TemplateSegment {
  const parts: TemplateSegment['parts'] = [];
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if ((ch === '{' || ch === '}') && text[i + 1] === ch) {
      literal += ch;
      i++;
    } else if (ch === '{') {
      const end = text.indexOf('}', i);
      if (end < 0) throw new Error(`Route "${route}": unclosed parameter in segment "${text}"`);
      if (literal) parts.push({ kind: 'literal', text: literal });
      literal = '';
      parts.push(parseParameter(text.slice(i + 1, end), route));
      i = end;
    } else if (ch === '}') throw new Error(`Route "${route}": stray "}" in segment "${text}"`);
    else literal += ch;
  }
  if (literal) parts.push({ kind: 'literal', text: literal });
  return { parts };
}

/** The parameter a segment consists of, or undefined for literal and complex segments. */
export function soleParameter(segment: TemplateSegment): ParameterPart | undefined {
  const [only, ...rest] = segment.parts;
  return rest.length === 0 && only?.kind === 'parameter' ? only : undefined;
}

function checkNames(template: RouteTemplate): void {
  const names = template.segments.flatMap((s) => s.parts.flatMap((p) => (p.kind === 'parameter' ? [p.name] : [])));
  const seen = new Set<string>();
  for (const name of names.map((n) => n.toLowerCase())) {
    if (seen.has(name)) throw new Error(`Route "${template.text}": parameter {${name}} appears twice`);
    seen.add(name);
  }
}

function checkShape(template: RouteTemplate): void {
  const { segments, text } = template;
  checkNames(template);
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    const parameters = segment.parts.filter((p): p is ParameterPart => p.kind === 'parameter');
    if (segment.parts.length === 0) throw new Error(`Route "${text}": empty segment`);
    if (parameters.some((p) => p.catchAll) && (!last || segment.parts.length > 1)) {
      throw new Error(`Route "${text}": a catch-all parameter must be the whole last segment`);
    }
    if (segment.parts.length > 1 && parameters.some((p) => p.optional)) {
      throw new Error(`Route "${text}": an optional parameter must be a segment of its own`);
    }
    const previous = segments[index - 1];
    if (previous && soleParameter(previous)?.optional && !soleParameter(segment)?.optional) {
      throw new Error(`Route "${text}": only optional segments may follow an optional segment`);
    }
  });
}

/**
 * Parses an Azure Functions (ASP.NET Core) route template such as 'v1/cases/{caseId:guid}/{*rest}'.
 * @throws on malformed templates, misplaced catch-all or optional parameters and unknown constraints.
 */
export function parseTemplate(route: string): RouteTemplate {
  const text = route.replace(/^\/+|\/+$/g, '');
  const segments = text === '' ? [] : text.split('/').map((s) => parseSegment(s, route));
  const template = { text, segments };
  checkShape(template);
  return template;
}
