import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../devhost/paths';
import { callApi, expectStatus, type BenchTokens } from './api';

/** The example workflow every benchmark opens its cases on. */
export const EXAMPLE_DEFINITION_FILE = 'examples/purchase-request.json';

/** The body of POST /api/v1/cases the benchmarks send. */
export function openCaseBody(workflowKey: string): Record<string, unknown> {
  return { workflowKey, title: 'Benchmark purchase', data: { amount: 1200, currency: 'EUR' } };
}

/** Publishes examples/purchase-request.json as the admin; gives its key. */
export async function publishExample(baseUrl: string, tokens: BenchTokens): Promise<string> {
  const body: unknown = JSON.parse(readFileSync(path.join(packageRoot(), EXAMPLE_DEFINITION_FILE), 'utf8'));
  const answer = await callApi(baseUrl, { method: 'POST', path: '/api/v1/definitions', token: tokens.admin, body });
  return String(expectStatus(answer, 201, 'publishing the example definition')['key']);
}

/** Opens `count` cases one after another as the requester; gives their ids. */
export async function openCases(baseUrl: string, tokens: BenchTokens, workflowKey: string, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const request = { method: 'POST', path: '/api/v1/cases', token: tokens.requester, body: openCaseBody(workflowKey) };
    ids.push(String(expectStatus(await callApi(baseUrl, request), 201, 'opening a case')['id']));
  }
  return ids;
}
