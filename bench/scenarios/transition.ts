import type autocannon from 'autocannon';
import { formatNumber } from '../format';
import { measureLoad } from '../load';
import type { ScenarioOutcome } from '../report';
import { openCaseShape } from './openCase';
import { authHeaders, loadSpec, type BenchContext, type FreshCase, type Scenario } from './scenario';

/** Fresh cases per connection below which the scenario opens more first. */
const FRESH_CASES_PER_CONNECTION = 20;

const submitPath = (caseId: string) => `/api/v1/cases/${caseId}/transitions/submit`;

/** Opens cases under load (unmeasured) for one scenario duration when too few fresh ones are left. */
async function topUpFreshCases(context: BenchContext): Promise<string | undefined> {
  if (context.freshCases.length >= context.connections * FRESH_CASES_PER_CONNECTION) return undefined;
  const before = context.freshCases.length;
  const shape = { ...openCaseShape(context), warmupSeconds: 0 };
  await measureLoad(loadSpec(context, { name: 'prepare', title: 'open fresh cases' }, shape));
  return `opened ${formatNumber(context.freshCases.length - before)} fresh cases first (not measured)`;
}

/** The request for the next fresh case: its path, and its ETag as If-Match. */
function nextCase(cases: readonly FreshCase[]): autocannon.Request['setupRequest'] {
  let next = 0;
  return (request) => {
    const fresh = cases[next++ % cases.length]!;
    return { ...request, path: submitPath(fresh.id), headers: { ...request.headers, 'if-match': fresh.etag } };
  };
}

async function submitEach(context: BenchContext, cases: readonly FreshCase[]) {
  return measureLoad(
    loadSpec(context, transitionScenario, {
      method: 'POST',
      path: submitPath(cases[0]!.id),
      headers: authHeaders(context.tokens.requester, true),
      body: '{}',
      // Each case can be submitted once: a warmup would use up cases the measurement needs.
      warmupSeconds: 0,
      maxRequests: cases.length,
      setupRequest: nextCase(cases),
    }),
  );
}

/**
 * POST /api/v1/cases/{id}/transitions/submit with If-Match, each request on another case in its initial
 * state: the Redis case lock, the decision, the version-checked update, audit event and outbox row in one
 * transaction.
 */
export const transitionScenario: Scenario = {
  name: 'transition',
  title: 'POST /api/v1/cases/{id}/transitions/submit (fresh cases)',
  run: async (context): Promise<ScenarioOutcome> => {
    const prepared = await topUpFreshCases(context);
    const cases = context.freshCases.splice(0);
    if (cases.length < context.connections) {
      const skipped = `only ${cases.length} fresh cases could be opened for ${context.connections} connections`;
      return { name: transitionScenario.name, title: transitionScenario.title, skipped };
    }

    const measured = await submitEach(context, cases);
    const usedUp = measured.requests >= cases.length;
    const notes = measured.notes.filter((note) => !note.startsWith('stopped at its bound'));
    if (usedUp)
      notes.push(`used up all ${formatNumber(cases.length)} fresh cases after ${measured.seconds.toFixed(1)} s`);
    return { ...measured, notes: prepared ? [prepared, ...notes] : notes };
  },
};
