import { measureLoad } from '../load';
import { authHeaders, loadSpec, type Scenario } from './scenario';

/** GET /api/v1/cases/{id}: token check, Redis rate limit, one PostgreSQL read, response validation. */
export const getCaseScenario: Scenario = {
  name: 'get-case',
  title: 'GET /api/v1/cases/{id} (authenticated read)',
  run: (context) =>
    measureLoad(
      loadSpec(context, getCaseScenario, {
        method: 'GET',
        path: `/api/v1/cases/${context.sampleCaseId}`,
        headers: authHeaders(context.tokens.requester),
      }),
    ),
};
