import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../devhost/paths';
import { callApi, expectStatus, type BenchTokens } from './api';
import type { FreshCase } from './scenarios/scenario';

/** The example workflow every benchmark opens its cases on. */
export const EXAMPLE_DEFINITION_FILE = 'examples/purchase-request.json';

/** The body of POST /api/v1/cases the benchmarks send. */
export function openCaseBody(workflowKey: string): Record<string, unknown> {
  return { workflowKey, title: 'Benchmark purchase', data: { amount: 1200, currency: 'EUR' } };
}

/** Headers of a setup write: a fresh Idempotency-Key, which some writes require. */
function writeHeaders(): Record<string, string> {
  return { 'idempotency-key': randomUUID() };
}

/** Publishes examples/purchase-request.json as the admin; gives its key. */
export async function publishExample(baseUrl: string, tokens: BenchTokens): Promise<string> {
  const body: unknown = JSON.parse(readFileSync(path.join(packageRoot(), EXAMPLE_DEFINITION_FILE), 'utf8'));
  const publish = { method: 'POST', path: '/api/v1/definitions', token: tokens.admin, body, headers: writeHeaders() };
  const answer = await callApi(baseUrl, publish);
  return String(expectStatus(answer, 201, 'publishing the example definition')['key']);
}

/** Opens `count` cases one after another as the requester; gives their ids and ETags. */
export async function openCases(baseUrl: string, tokens: BenchTokens, workflowKey: string, count: number) {
  const opened: FreshCase[] = [];
  for (let i = 0; i < count; i += 1) {
    const body = openCaseBody(workflowKey);
    const request = { method: 'POST', path: '/api/v1/cases', token: tokens.requester, body, headers: writeHeaders() };
    const answer = await callApi(baseUrl, request);
    const id = String(expectStatus(answer, 201, 'opening a case')['id']);
    opened.push({ id, etag: answer.headers.get('etag') ?? '*' });
  }
  return opened;
}
