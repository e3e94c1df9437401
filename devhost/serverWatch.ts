import type { ChildProcess } from 'node:child_process';
import type { Logger } from '../shared/telemetry/logger';

/** How a watched server is restarted, and what happens when it cannot be. */
export interface ServerWatchOptions {
  /** The server's current process (a new one after each restart). */
  child(): ChildProcess | undefined;
  /** Starts the server again; rejects when it does not come up. */
  restart(): Promise<void>;
  /** Called once when every restart attempt failed; the server stays down. */
  onLost(error: Error): void;
  log: Logger;
  /** Restart attempts after one exit (default 5), `delayMs` apart (default 1000). */
  attempts?: number;
  delayMs?: number;
}

/** A watch over a server process; stop it before stopping the server on purpose. */
export interface ServerWatch {
  stop(): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Watches a server process the devhost started: when it exits without being asked to (killed, crashed),
 * logs an error and restarts it, up to `attempts` times `delayMs` apart (the children of a killed
 * PostgreSQL need a moment to let go of its shared memory). After a restart it watches the new process.
 */
export function watchServer(options: ServerWatchOptions): ServerWatch {
  const { log, attempts = 5, delayMs = 1000 } = options;
  let stopped = false;

  /** Restarts the server; undefined once it runs again or the watch stopped, else the last failure. */
  const restarted = async (): Promise<string | undefined> => {
    let reason = 'no restart was tried';
    for (let attempt = 1; attempt <= attempts && !stopped; attempt++) {
      await sleep(delayMs);
      if (stopped) break;
      try {
        await options.restart();
        log.warn('embedded postgres restarted', { attempt });
        return undefined;
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
        log.warn('embedded postgres restart failed', { attempt, reason });
      }
    }
    return stopped ? undefined : reason;
  };

  const recover = async (code: number | null, signal: NodeJS.Signals | null) => {
    log.error('embedded postgres exited unexpectedly', { code, signal });
    const failure = await restarted();
    if (failure === undefined) {
      if (!stopped) watch();
      return;
    }
    options.onLost(
      new Error(`embedded PostgreSQL exited (${signal ?? `code ${code}`}) and did not restart: ${failure}`),
    );
  };
  const watch = () => {
    options.child()?.once('exit', (code, signal) => void (stopped || recover(code, signal)));
  };

  watch();
  return { stop: () => (stopped = true) };
}
