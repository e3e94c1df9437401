import { bannerLines } from './banner';
import { startDevhost, type Devhost } from './startDevhost';

// `npm start`: the local stand-in for the Azure Functions host. Exit codes: 0 after a clean stop on
// SIGINT/SIGTERM, 1 when a startup step fails, stopping reports failures, or embedded PostgreSQL died
// and could not be restarted.

function fail(message: string): never {
  process.stderr.write(`devhost: ${message}\n`);
  process.exit(1);
}

async function stop(devhost: Devhost, signal: string, code = 0): Promise<never> {
  devhost.log.info('devhost stopping', { signal });
  const failures = await devhost.stop();
  for (const failure of failures) process.stderr.write(`devhost: stopping failed: ${failure.message}\n`);
  if (failures.length > 0) process.exit(1);
  devhost.log.info('devhost stopped', { signal });
  process.exit(code);
}

async function main(): Promise<void> {
  const state: { requested?: NodeJS.Signals; running?: Devhost } = {};
  const onSignal = (signal: NodeJS.Signals) => {
    if (state.requested) fail(`${signal} again: exiting without a clean stop`);
    state.requested = signal;
    if (state.running) void stop(state.running, signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const onDatabaseLost = (error: Error) => {
    if (!state.running) fail(error.message);
    process.stderr.write(`devhost: ${error.message}; stopping\n`);
    if (state.requested) return;
    state.requested = 'SIGTERM'; // a signal from now on counts as a second one
    void stop(state.running, 'database lost', 1);
  };

  const devhost = await startDevhost({ onDatabaseLost }).catch((error: unknown) =>
    fail(error instanceof Error ? error.message : String(error)),
  );
  state.running = devhost;
  if (state.requested) return void stop(devhost, state.requested);
  process.stdout.write(`${bannerLines(devhost).join('\n')}\n`);
}

void main();
