import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDevhostProcess, type DevhostProcess } from '../support/devhostProcess';

const ROOT = path.resolve(__dirname, '../..');
const NODE = existsSync(path.join(ROOT, 'node_modules/.bin/node'))
  ? path.join(ROOT, 'node_modules/.bin/node')
  : process.execPath;
const DEMO = path.join(ROOT, 'dist/devhost/demo.js');

let devhost: DevhostProcess;

beforeAll(async () => {
  devhost = await startDevhostProcess();
}, 90_000);

afterAll(async () => {
  await devhost?.stop();
});

function runDemo(
  target: { url: string; stateDir: string } = devhost,
): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, SIGNOFF_URL: target.url, DEVHOST_DIR: target.stateDir };
  delete env['AUTH_AUDIENCE'];
  const child = spawn(NODE, [DEMO], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('npm run demo', () => {
  it('walks a purchase request through a running devhost and exits 0', async () => {
    const { code, output } = await runDemo();

    expect(output).toContain('demo: every step answered as expected');
    expect(output).toMatch(/ok {3}403 POST .*transitions\/approve .*forbidden/);
    expect(output).toMatch(/#3 case\.transitioned +submitted -> approved/);
    expect(code).toBe(0);
  }, 60_000);

  it('can run again: the definition simply gets its next version', async () => {
    const { code, output } = await runDemo();

    expect(output).toContain('purchase-request version 2');
    expect(code).toBe(0);
  }, 60_000);

  it('exits 1 when a step answers with another status than expected', async () => {
    const strangerKeys = await mkdtemp(path.join(tmpdir(), 'signoff-demo-keys-'));
    try {
      const { code, output } = await runDemo({ url: devhost.url, stateDir: strangerKeys });

      expect(output).toMatch(/FAIL 401 POST \/api\/v1\/definitions/);
      expect(code).toBe(1);
    } finally {
      await rm(strangerKeys, { recursive: true, force: true });
    }
  }, 60_000);

  it('exits 2 when it cannot reach the devhost', async () => {
    const { code, output } = await runDemo({ url: 'http://127.0.0.1:1', stateDir: devhost.stateDir });

    expect(output).toContain('cannot talk to http://127.0.0.1:1');
    expect(code).toBe(2);
  }, 60_000);
});
