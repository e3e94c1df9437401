import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Roles } from '../shared/auth/roles';
import { DEV_AUDIENCE, DEV_TENANT_ID } from './identity/defaults';
import { signDevToken } from './identity/provider';
import { devhostStateDir, packageRoot } from './paths';

// `npm run demo`: walks purchase requests through a running devhost (SIGNOFF_URL, default
// http://localhost:7071) over HTTP and prints each step with its status. Exit code 1 when any step
// answers with another status than expected, 2 when the devhost cannot be reached. Opening a case sends
// an Idempotency-Key; every change of a case sends If-Match with the ETag of the last answer about it.

type Json = Record<string, unknown>;

interface Step {
  title: string;
  method: 'GET' | 'POST';
  path: string;
  token: string;
  expect: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** One line about the answer, printed after the status. */
  describe?: (body: Json) => string;
}

const baseUrl = (process.env['SIGNOFF_URL'] ?? 'http://localhost:7071').replace(/\/+$/, '');
const failures: string[] = [];
/** The ETag of the last answer about each case, by case id. */
const etags = new Map<string, string>();
let counter = 0;

function issue(user: string, roles: string[], acrs: string[] = []): Promise<string> {
  const keyDir = path.join(devhostStateDir(), 'keys');
  const audience = process.env['AUTH_AUDIENCE']?.split(',')[0]?.trim() || DEV_AUDIENCE;
  return signDevToken(keyDir, { user, roles, acrs }, { tenantId: DEV_TENANT_ID, audience });
}

function caseIdOf(body: Json): string | undefined {
  const shown = (body['case'] ?? body) as Json;
  return typeof shown['id'] === 'string' && typeof shown['version'] === 'number' ? shown['id'] : undefined;
}

async function send(step: Step): Promise<{ status: number; body: Json }> {
  counter += 1;
  const headers: Record<string, string> = {
    authorization: `Bearer ${step.token}`,
    'x-request-id': `demo-${process.pid}-${counter}`,
    ...step.headers,
  };
  if (step.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${step.path}`, {
    method: step.method,
    headers,
    body: step.body === undefined ? undefined : JSON.stringify(step.body),
  });
  const text = await response.text();
  const body = text.length > 0 ? (JSON.parse(text) as Json) : {};
  const etag = response.headers.get('etag');
  const caseId = caseIdOf(body);
  if (etag !== null && caseId !== undefined) etags.set(caseId, etag);
  return { status: response.status, body };
}

function problemLine(body: Json): string {
  return `${String(body['code'])}: ${String(body['detail'])}`;
}

async function run(step: Step): Promise<Json> {
  const { status, body } = await send(step);
  const ok = status === step.expect;
  const about = status >= 400 ? problemLine(body) : (step.describe?.(body) ?? '');
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${status} ${step.method} ${step.path}  ${step.title}${about ? ` - ${about}` : ''}`,
  );
  if (!ok) failures.push(`${step.title}: expected ${step.expect}, got ${status}`);
  return body;
}

function caseLine(body: Json): string {
  return `case ${String(body['id'])} is ${String(body['state'])} (version ${String(body['version'])})`;
}

function transitionLine(body: Json): string {
  return caseLine((body['case'] ?? {}) as Json);
}

function historyLines(body: Json): string[] {
  const items = (body['items'] ?? []) as Json[];
  return items.map((event) => {
    const actor = (event['actor'] ?? {}) as Json;
    const move = event['fromState'] ? `${String(event['fromState'])} -> ` : '';
    const link = event['prevHash'] ? String(event['prevHash']).slice(0, 12) : 'none'.padEnd(12);
    return `       #${String(event['sequence'])} ${String(event['type']).padEnd(18)} ${move}${String(event['toState'])}  by ${String(actor['objectId'])}  prev ${link} hash ${String(event['hash']).slice(0, 12)}`;
  });
}

function exampleDefinition(): Json {
  return JSON.parse(readFileSync(path.join(packageRoot(), 'examples', 'purchase-request.json'), 'utf8')) as Json;
}

interface Cast {
  admin: string;
  requester: string;
  approver: string;
  /** Finance approvers, signed in with MFA (the step-up auth context c1). */
  finance: [string, string];
}

async function signIn(): Promise<Cast> {
  return {
    admin: await issue('ada', [Roles.Admin], ['c1']),
    requester: await issue('rita', [Roles.Requester]),
    approver: await issue('arno', [Roles.Approver]),
    finance: [await issue('fay', [Roles.Approver], ['c1']), await issue('finn', [Roles.Approver], ['c1'])],
  };
}

function ifMatch(caseId: string): Record<string, string> {
  return { 'if-match': etags.get(caseId) ?? '"0"' };
}

function transition(caseId: string, name: string, token: string, expect: number, body: Json = {}): Step {
  const path = `/api/v1/cases/${caseId}/transitions/${name}`;
  return { title: '', method: 'POST', path, token, expect, body, headers: ifMatch(caseId), describe: transitionLine };
}

async function publish(cast: Cast): Promise<string> {
  const definition = await run({
    title: 'publish the purchase-request workflow as admin',
    ...{ method: 'POST', path: '/api/v1/definitions', token: cast.admin, expect: 201, body: exampleDefinition() },
    describe: (b) => `${String(b['key'])} version ${String(b['version'])}`,
  });
  return String(definition['key'] ?? 'purchase-request');
}

async function open(cast: Cast, workflowKey: string, title: string, amount: number): Promise<string> {
  const opened = await run({
    title: `open "${title}" as requester`,
    ...{ method: 'POST', path: '/api/v1/cases', token: cast.requester, expect: 201 },
    headers: { 'idempotency-key': randomUUID() },
    body: { workflowKey, title, data: { amount, currency: 'EUR' } },
    describe: caseLine,
  });
  return String(opened['id']);
}

async function approval(cast: Cast, workflowKey: string): Promise<string> {
  const laptop = await open(cast, workflowKey, 'New laptop', 1450);
  await run({ ...transition(laptop, 'submit', cast.requester, 200), title: 'submit as requester' });
  await run({ ...transition(laptop, 'approve', cast.requester, 403), title: 'approve as the requester (forbidden)' });
  const approve = transition(laptop, 'approve', cast.approver, 200, { reason: 'Within budget' });
  await run({ ...approve, title: 'approve as approver' });
  return laptop;
}

async function rejection(cast: Cast, workflowKey: string): Promise<void> {
  const chair = await open(cast, workflowKey, 'Designer chair', 2300);
  const stale = etags.get(chair) ?? '"0"';
  await run({ ...transition(chair, 'submit', cast.requester, 200), title: 'submit as requester' });
  const late = { ...transition(chair, 'reject', cast.approver, 412), headers: { 'if-match': stale } };
  await run({ ...late, title: 'reject with the ETag from before the submit (stale)' });
  await run({ ...transition(chair, 'reject', cast.approver, 400), title: 'reject without the reason it requires' });
  const reject = transition(chair, 'reject', cast.approver, 200, { reason: 'Over the furniture budget' });
  await run({ ...reject, title: 'reject as approver' });
  await run({ ...transition(chair, 'approve', cast.approver, 409), title: 'approve the rejected case (wrong state)' });
}

async function financeQuorum(cast: Cast, workflowKey: string): Promise<void> {
  const servers = await open(cast, workflowKey, 'Build servers', 24000);
  await run({ ...transition(servers, 'submit', cast.requester, 200), title: 'submit as requester' });
  await run({
    ...transition(servers, 'approve', cast.approver, 200),
    title: 'approve: above 10,000 it goes to finance',
  });
  const [first, second] = cast.finance;
  await run({ ...transition(servers, 'finance-approve', first, 202), title: 'first finance approval of two' });
  await run({ ...transition(servers, 'finance-approve', second, 200), title: 'second finance approval applies it' });
}

async function search(cast: Cast, workflowKey: string): Promise<void> {
  await run({
    title: 'list the approved purchases, newest first',
    ...{ method: 'GET', token: cast.requester, expect: 200 },
    path: `/api/v1/cases?workflowKey=${workflowKey}&state=approved&limit=5`,
    describe: (b) => `${((b['items'] ?? []) as Json[]).length} on this page`,
  });
}

async function history(cast: Cast, caseId: string): Promise<void> {
  const events = await run({
    title: 'read the history of the approved case',
    ...{ method: 'GET', path: `/api/v1/cases/${caseId}/events`, token: cast.requester, expect: 200 },
    describe: (b) => `${((b['items'] ?? []) as Json[]).length} events`,
  });
  for (const line of historyLines(events)) console.log(line);
}

async function walkThrough(): Promise<void> {
  const cast = await signIn();
  const workflowKey = await publish(cast);
  const approved = await approval(cast, workflowKey);
  await rejection(cast, workflowKey);
  await financeQuorum(cast, workflowKey);
  await search(cast, workflowKey);
  await history(cast, approved);
}

async function main(): Promise<void> {
  console.log(`Signoff demo against ${baseUrl}`);
  try {
    await walkThrough();
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    console.error(`demo: cannot talk to ${baseUrl} (${cause}); start the devhost with npm start`);
    process.exitCode = 2;
    return;
  }
  if (failures.length > 0) {
    console.error(`demo: ${failures.length} step(s) answered unexpectedly:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
    return;
  }
  console.log('demo: every step answered as expected');
}

void main();
