/** Longest delay setTimeout takes (about 24.8 days); longer waits are loops of such delays. */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** A pending wake-up that can be cancelled. */
export interface Alarm {
  cancel(): void;
}

/**
 * Calls `wake` once `at` has passed (never before it, by the wall clock), looping setTimeout for
 * delays beyond its limit. The alarm does not keep the process alive.
 */
export function alarmAt(at: Date, wake: () => void): Alarm {
  let handle: NodeJS.Timeout | undefined;
  const arm = () => {
    const delay = at.getTime() - Date.now();
    if (delay <= 0) return wake();
    handle = setTimeout(arm, Math.min(delay, MAX_TIMEOUT_MS));
    handle.unref();
  };
  arm();
  return { cancel: () => clearTimeout(handle) };
}
