type Closer = () => Promise<void> | void;

const closers: Closer[] = [];

/** Registers a resource to close on shutdown; closers run in reverse order of registration. */
export function onShutdown(closer: Closer): void {
  closers.push(closer);
}

/** Closes every registered resource once, newest first; errors are collected, not thrown midway. */
export async function shutdown(): Promise<Error[]> {
  const failures: Error[] = [];
  while (closers.length > 0) {
    const closer = closers.pop()!;
    try {
      await closer();
    } catch (err) {
      failures.push(err instanceof Error ? err : new Error(String(err)));
    }
  }
  return failures;
}
