import { getCaseScenario } from './getCase';
import { healthScenario } from './health';
import { listCasesScenario } from './listCases';
import { openCaseScenario } from './openCase';
import type { Scenario } from './scenario';
import { transitionScenario } from './transition';

/** The load scenarios in run order: open-case before transition, which submits the cases it opened. */
export const LOAD_SCENARIOS: readonly Scenario[] = [
  healthScenario,
  getCaseScenario,
  openCaseScenario,
  transitionScenario,
  listCasesScenario,
];

/** The name --only gives the cold start measurement (fresh `node` processes loading the app). */
export const COLD_START = 'cold-start';

/** Every name --only accepts, in run order. */
export const SCENARIO_NAMES: readonly string[] = [COLD_START, ...LOAD_SCENARIOS.map((s) => s.name)];
