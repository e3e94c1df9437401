import { warnAboutAzureRouting } from '../../../devhost/azureRouting';
import type { HttpRegistration, LoadedApp } from '../../../devhost/registrations';
import { createLogger, type LogFields } from '../../../shared/telemetry/logger';

function appOf(routes: [name: string, route: string][]): LoadedApp {
  const http = routes.map(([name, route]) => ({ name, route, methods: ['GET'], kind: 'http' }) as HttpRegistration);
  return { functions: http, http, timers: [], orchestrations: [], activities: [] };
}

function capture() {
  const lines: { message: string; fields: LogFields }[] = [];
  return { lines, log: createLogger((_level, message, fields) => lines.push({ message, fields }), 'debug') };
}

describe('warnAboutAzureRouting', () => {
  it('warns when an earlier-named parameter route would shadow a literal route on Azure', () => {
    const { lines, log } = capture();

    const count = warnAboutAzureRouting(
      appOf([
        ['getCase', 'cases/{caseId}'],
        ['searchCases', 'cases/search'],
      ]),
      'api',
      log,
    );

    expect(count).toBe(1);
    expect(lines[0]).toMatchObject({
      message: 'route resolves to another function on Azure',
      fields: { method: 'GET', path: '/cases/search', azureFunction: 'getCase', devhostFunction: 'searchCases' },
    });
  });

  it('stays quiet when name order and precedence pick the same functions', () => {
    const { lines, log } = capture();

    warnAboutAzureRouting(
      appOf([
        ['aSearchCases', 'cases/search'],
        ['getCase', 'cases/{caseId}'],
      ]),
      'api',
      log,
    );

    expect(lines).toEqual([]);
  });
});
