import { measureLoad } from '../load';
import { loadSpec, type Scenario } from './scenario';

/** GET /api/v1/health: the pipeline with nothing behind it (public, no rate limit, no database). */
export const healthScenario: Scenario = {
  name: 'health',
  title: 'GET /api/v1/health (pipeline floor)',
  run: (context) =>
    measureLoad(loadSpec(context, healthScenario, { method: 'GET', path: '/api/v1/health', headers: {} })),
};
