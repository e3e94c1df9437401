import { ROUTE_PREFIX } from './routePrefix';
import { parseTemplate, soleParameter, type TemplateSegment } from './routing/routeTemplate';

/** An endpoint route as OpenAPI writes it, with the names of its path parameters in order. */
export interface OpenApiPath {
  path: string;
  parameters: string[];
}

function segmentOf(segment: TemplateSegment, route: string): { text: string; parameter?: string } {
  const [only] = segment.parts;
  if (segment.parts.length === 1 && only?.kind === 'literal') return { text: only.text };
  const parameter = soleParameter(segment);
  if (!parameter || parameter.optional || parameter.catchAll || parameter.defaultValue !== undefined) {
    throw new Error(`Route "${route}" has a segment OpenAPI cannot express; use {name} or {name:constraint}`);
  }
  return { text: `{${parameter.name}}`, parameter: parameter.name };
}

/**
 * The OpenAPI path of an endpoint route below the route prefix: 'v1/cases/{caseId:guid}' becomes
 * '/v1/cases/{caseId}' (the server URL carries the /api prefix). Constraints stay out of the path; the
 * params schema describes the values.
 * @throws for malformed templates and for optional, defaulted, catch-all or complex segments.
 */
export function openApiPath(route: string): OpenApiPath {
  const segments = parseTemplate(route).segments.map((segment) => segmentOf(segment, route));
  return {
    path: `/${segments.map((s) => s.text).join('/')}`,
    parameters: segments.flatMap((s) => (s.parameter ? [s.parameter] : [])),
  };
}

/** The server URL of the document: the host's route prefix ('/api'), relative to where it is served. */
export const SERVER_URL = `/${ROUTE_PREFIX}`;
