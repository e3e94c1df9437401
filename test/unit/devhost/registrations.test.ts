import { effectiveOptions, toLoadedApp, toRegistration } from '../../../devhost/registrations';

const handler = () => undefined;

describe('toRegistration', () => {
  it('reads methods and route of an httpTrigger, and the function name when no route is given', () => {
    const named = toRegistration({
      metadata: {
        name: 'ping',
        bindings: {
          trigger1: { type: 'httpTrigger', direction: 'in', methods: ['get'] },
          $return: { type: 'http', direction: 'out' },
        },
      },
      handler,
    });

    expect(named).toMatchObject({ kind: 'http', name: 'ping', methods: ['GET'], route: 'ping' });
  });

  it('reads the schedule of a timerTrigger and whether it runs on startup', () => {
    const timer = toRegistration({
      metadata: {
        name: 'sweep',
        bindings: { t: { type: 'timerTrigger', direction: 'in', schedule: '0 */5 * * * *', runOnStartup: true } },
      },
      handler,
    });

    expect(timer).toMatchObject({ kind: 'timer', schedule: '0 */5 * * * *', runOnStartup: true });
  });

  it('tells orchestrations, activities and other triggers apart', () => {
    const kinds = ['orchestrationTrigger', 'activityTrigger', 'queueTrigger'].map(
      (type) => toRegistration({ metadata: { name: type, bindings: { t: { type, direction: 'in' } } }, handler }).kind,
    );

    expect(kinds).toEqual(['orchestration', 'activity', 'other']);
    expect(toLoadedApp([]).http).toEqual([]);
  });

  it('refuses metadata without a trigger', () => {
    expect(() => effectiveOptions({ name: 'x', bindings: { out: { type: 'http', direction: 'out' } } })).toThrow(
      /no trigger/,
    );
  });
});

describe('effectiveOptions', () => {
  it('reports the trigger, the return binding and extra inputs and outputs by binding name, as the worker does', () => {
    const options = effectiveOptions({
      name: 'start',
      bindings: {
        httpTrigger1: { type: 'httpTrigger', direction: 'in' },
        $return: { type: 'http', direction: 'out' },
        durableClient1: { type: 'durableClient', direction: 'in' },
        queue1: { type: 'queue', direction: 'out' },
      },
    });

    expect(options.trigger).toMatchObject({ name: 'httpTrigger1', type: 'httpTrigger' });
    expect(options.return).toMatchObject({ name: '$return', type: 'http' });
    expect(options.extraInputs).toEqual([expect.objectContaining({ name: 'durableClient1', type: 'durableClient' })]);
    expect(options.extraOutputs).toEqual([expect.objectContaining({ name: 'queue1' })]);
  });
});
