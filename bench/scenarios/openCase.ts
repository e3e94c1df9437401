import { randomUUID } from 'node:crypto';
import { openCaseBody } from '../fixtures';
import { measureLoad } from '../load';
import { authHeaders, loadSpec, type BenchContext, type LoadShape, type Scenario } from './scenario';

const CASE_LOCATION = /\/cases\/([^/?#]+)$/;

function headerOf(headers: Record<string, string | string[]>, name: string): string | undefined {
  const found = Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
  return Array.isArray(found) ? found[0] : found;
}

/** The open-case request: a fresh Idempotency-Key each time; every case it opens joins `freshCases` with its ETag. */
export function openCaseShape(context: BenchContext): LoadShape {
  return {
    method: 'POST',
    path: '/api/v1/cases',
    headers: authHeaders(context.tokens.requester, true),
    body: JSON.stringify(openCaseBody(context.workflowKey)),
    setupRequest: (request) => ({ ...request, headers: { ...request.headers, 'idempotency-key': randomUUID() } }),
    onResponse: (status, _body, _context, headers) => {
      const location = status === 201 ? headerOf(headers, 'location') : undefined;
      const id = location === undefined ? undefined : CASE_LOCATION.exec(location)?.[1];
      if (id !== undefined) context.freshCases.push({ id, etag: headerOf(headers, 'etag') ?? '*' });
    },
  };
}

/** POST /api/v1/cases with a unique Idempotency-Key: a write transaction (case, audit event, outbox) plus the key. */
export const openCaseScenario: Scenario = {
  name: 'open-case',
  title: 'POST /api/v1/cases (open a case, Idempotency-Key)',
  run: (context) => measureLoad(loadSpec(context, openCaseScenario, openCaseShape(context))),
};
