import { callApi } from '../api';
import { measureLoad } from '../load';
import type { ScenarioOutcome } from '../report';
import { authHeaders, loadSpec, type BenchContext, type Scenario } from './scenario';

/** Items per page the scenario asks for. */
export const PAGE_SIZE = 50;

type OpenApiOperation = { parameters?: { name?: string; in?: string }[] };

/** The GET /v1/cases operation of the served OpenAPI document, or undefined when the API has none. */
async function listOperation(context: BenchContext): Promise<OpenApiOperation | undefined> {
  const answer = await callApi(context.baseUrl, { method: 'GET', path: '/api/v1/openapi.json' });
  if (answer.status !== 200) throw new Error(`GET /api/v1/openapi.json answered ${answer.status}`);
  const paths = (answer.body as { paths?: Record<string, { get?: OpenApiOperation }> }).paths ?? {};
  return paths['/v1/cases']?.get;
}

function listPath(operation: OpenApiOperation): string {
  const takesLimit = (operation.parameters ?? []).some((p) => p.name === 'limit' && p.in === 'query');
  return takesLimit ? `/api/v1/cases?limit=${PAGE_SIZE}` : '/api/v1/cases';
}

/** One request first: the page must come back 200, and its size goes into the notes. */
async function probePage(context: BenchContext, path: string): Promise<string> {
  const answer = await callApi(context.baseUrl, { method: 'GET', path, token: context.tokens.requester });
  const body = answer.body as { items?: unknown[]; code?: string } | undefined;
  if (answer.status !== 200) throw new Error(`${path} answered ${answer.status} ${body?.code ?? ''}`.trim());
  return `GET ${path}: pages of ${body?.items?.length ?? 0} cases`;
}

/** GET /api/v1/cases?limit=50: a page of cases, with the tenant concurrency slot and a cursor; skipped when not served. */
export const listCasesScenario: Scenario = {
  name: 'list-cases',
  title: `GET /api/v1/cases?limit=${PAGE_SIZE} (a page of cases)`,
  run: async (context): Promise<ScenarioOutcome> => {
    const operation = await listOperation(context);
    if (operation === undefined) {
      const skipped = 'GET /api/v1/cases is not served yet (no such operation in /api/v1/openapi.json)';
      return { name: listCasesScenario.name, title: listCasesScenario.title, skipped };
    }

    const path = listPath(operation);
    const page = await probePage(context, path);
    const headers = authHeaders(context.tokens.requester);
    const measured = await measureLoad(loadSpec(context, listCasesScenario, { method: 'GET', path, headers }));
    return { ...measured, notes: [page, ...measured.notes] };
  },
};
