import { onShutdown, shutdown } from '../../../shared/config/lifecycle';

afterEach(() => shutdown(10));

describe('shutdown', () => {
  test('a closer that never settles is reported after the timeout instead of hanging the stop', async () => {
    const closed: string[] = [];
    onShutdown(() => void closed.push('first'));
    onShutdown(() => new Promise<void>(() => undefined), 'the database pool');

    const failures = await shutdown(50);

    expect(failures.map((f) => f.message)).toEqual(['the database pool did not close within 50 ms']);
    expect(closed).toEqual(['first']);
  });

  test('closers run newest first, each once, and a throwing one does not stop the others', async () => {
    const order: string[] = [];
    onShutdown(() => void order.push('oldest'));
    onShutdown(() => {
      throw new Error('broken');
    }, 'Redis');
    onShutdown(async () => void order.push('newest'));

    const failures = await shutdown();

    expect(order).toEqual(['newest', 'oldest']);
    expect(failures.map((f) => f.message)).toEqual(['broken']);
    expect(await shutdown()).toEqual([]);
  });
});
