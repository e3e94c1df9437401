import { isDependencyUnavailable } from '../../../shared/http/dependencyUnavailable';

function coded(code: string, message = 'failed'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isDependencyUnavailable', () => {
  test('refused, reset and timed-out sockets count, also when wrapped as a cause', () => {
    expect(isDependencyUnavailable(coded('ECONNREFUSED'))).toBe(true);
    expect(isDependencyUnavailable(coded('ETIMEDOUT'))).toBe(true);
    expect(isDependencyUnavailable(new Error('query failed', { cause: coded('ECONNRESET') }))).toBe(true);
  });

  test('a server shutting down, starting up, out of slots or in a connection exception counts', () => {
    for (const code of ['57P01', '57P02', '57P03', '53300', '08006', '08001']) {
      expect(isDependencyUnavailable(coded(code))).toBe(true);
    }
  });

  test('node-postgres errors without a code count by their fixed message', () => {
    expect(isDependencyUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDependencyUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDependencyUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(
      true,
    );
  });

  test('query errors, unique violations and plain errors do not count', () => {
    expect(isDependencyUnavailable(coded('23505'))).toBe(false);
    expect(isDependencyUnavailable(coded('42P01'))).toBe(false);
    expect(isDependencyUnavailable(new Error('connect ECONNREFUSED 10.0.0.7:5432'))).toBe(false);
    expect(isDependencyUnavailable('ECONNREFUSED')).toBe(false);
    expect(isDependencyUnavailable(undefined)).toBe(false);
  });

  test('a cause chain that loops back on itself ends', () => {
    const looped = new Error('outer') as Error & { cause?: unknown };
    looped.cause = looped;

    expect(isDependencyUnavailable(looped)).toBe(false);
  });
});
