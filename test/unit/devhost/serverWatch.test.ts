import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { watchServer } from '../../../devhost/serverWatch';
import { createLogger } from '../../../shared/telemetry/logger';

const children: ChildProcess[] = [];

function sleeper(): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

function logged() {
  const messages: string[] = [];
  return { messages, log: createLogger((_level, message) => messages.push(message), 'debug') };
}

function until(check: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const poll = () =>
      check() ? resolve() : Date.now() > deadline ? reject(new Error('timed out')) : setTimeout(poll, 20);
    poll();
  });
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

describe('watchServer', () => {
  test('a server killed under the devhost is started again, and the new process is watched too', async () => {
    let current = sleeper();
    const { messages, log } = logged();
    const lost: Error[] = [];
    const watch = watchServer({
      child: () => current,
      restart: async () => void (current = sleeper()),
      onLost: (error) => lost.push(error),
      log,
      delayMs: 10,
    });

    const first = current;
    first.kill('SIGKILL');
    await until(() => current !== first);
    const second = current;
    second.kill('SIGKILL');
    await until(() => current !== second);
    watch.stop();

    expect(messages.filter((m) => m === 'embedded postgres restarted')).toHaveLength(2);
    expect(lost).toEqual([]);
  });

  test('when every restart fails, onLost hears why, once', async () => {
    const current = sleeper();
    const lost: Error[] = [];
    watchServer({
      child: () => current,
      restart: async () => {
        throw new Error('could not bind IPv4 address');
      },
      onLost: (error) => lost.push(error),
      log: logged().log,
      attempts: 3,
      delayMs: 10,
    });

    current.kill('SIGKILL');
    await until(() => lost.length > 0);

    expect(lost).toHaveLength(1);
    expect(lost[0]?.message).toMatch(/exited \(SIGKILL\) and did not restart: could not bind IPv4 address/);
  });

  test('a server stopped after the watch was stopped is left down', async () => {
    const current = sleeper();
    let restarts = 0;
    const watch = watchServer({
      child: () => current,
      restart: async () => void restarts++,
      onLost: () => undefined,
      log: logged().log,
      delayMs: 10,
    });

    watch.stop();
    current.kill('SIGINT');
    await once(current, 'exit');
    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(restarts).toBe(0);
  });
});
