type Closer = () => Promise<void> | void;

interface Registered {
  close: Closer;
  name: string;
}

/** Longest one closer may take in shutdown(), in ms, before shutdown() reports it and moves on. */
export const CLOSER_TIMEOUT_MS = 5000;

const closers: Registered[] = [];

/**
 * Registers a resource to close on shutdown; closers run in reverse order of registration. `name`
 * ('Redis', 'the database pool') appears in the failure when the closer throws or takes too long.
 */
export function onShutdown(closer: Closer, name = 'a resource'): void {
  closers.push({ close: closer, name });
}

async function closeWithin(entry: Registered, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${entry.name} did not close within ${ms} ms`)), ms);
  });
  try {
    await Promise.race([Promise.resolve().then(entry.close), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Closes every registered resource once, newest first, giving each at most `timeoutMs`: one that hangs
 * (a pool waiting for a connection that is never given back) is reported and left behind instead of
 * stalling the stop. Errors and timeouts are collected, not thrown midway.
 */
export async function shutdown(timeoutMs = CLOSER_TIMEOUT_MS): Promise<Error[]> {
  const failures: Error[] = [];
  while (closers.length > 0) {
    const entry = closers.pop()!;
    try {
      await closeWithin(entry, timeoutMs);
    } catch (err) {
      failures.push(err instanceof Error ? err : new Error(String(err)));
    }
  }
  return failures;
}
