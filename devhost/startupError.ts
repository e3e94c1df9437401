import { ConfigError } from '../shared/config/load';

/** A startup step of the devhost failed; `step` says which, the message says why. */
export class StartupError extends Error {
  constructor(
    readonly step: string,
    cause: unknown,
  ) {
    super(`could not ${step}: ${describe(cause)}`, { cause });
    this.name = 'StartupError';
  }
}

function describe(cause: unknown): string {
  if (cause instanceof ConfigError) return cause.message;
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause instanceof Error ? ` (${cause.cause.message})` : '';
  return `${cause.message || cause.name}${inner}`;
}

/** Runs one named startup step; its failure becomes a StartupError naming the step. */
export async function step<T>(name: string, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new StartupError(name, error);
  }
}
