/** Socket errors of a server (PostgreSQL above all) that is down, restarting or unreachable. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** SQLSTATEs of a server that is shutting down, starting, crashed, or out of connections. */
const SERVER_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

// node-postgres reports a socket closed under it, a pool wait that timed out, and a query on a client
// whose connection already failed, without any code.
const DRIVER_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

function unavailableHere(error: object): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || SERVER_STATES.has(code) || code.startsWith('08'))) {
    return true;
  }
  return typeof message === 'string' && DRIVER_MESSAGES.test(message);
}

/**
 * Whether `error` (or an error in its `cause` chain) says a dependency, PostgreSQL above all, cannot be
 * reached right now, as opposed to refusing a query: a refused, dropped or timed-out connection, a
 * server shutting down or starting up (SQLSTATE 57P01-57P03), a connection exception (class 08), or no
 * free connection slot (53300). These are worth a retry, so they answer 503 rather than 500.
 */
export function isDependencyUnavailable(error: unknown): boolean {
  for (let e = error, hops = 0; typeof e === 'object' && e !== null && hops < 5; hops++) {
    if (unavailableHere(e)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
