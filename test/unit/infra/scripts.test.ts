import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { infraDir, readBicep } from './bicepSource';

const scriptDir = join(infraDir, 'scripts');
const provision = readFileSync(join(scriptDir, 'provision.sh'), 'utf8');
const main = readBicep(join(infraDir, 'main.bicep'));

describe('infra scripts', () => {
  it('are valid bash that stops on the first error', () => {
    for (const name of readdirSync(scriptDir)) {
      const text = readFileSync(join(scriptDir, name), 'utf8');
      expect(text.startsWith('#!/usr/bin/env bash\n')).toBe(true);
      expect(text).toContain('set -euo pipefail');
      expect(() => execFileSync('bash', ['-n', join(scriptDir, name)])).not.toThrow();
    }
  });

  it('read only outputs main.bicep declares', () => {
    const read = [
      ...provision.matchAll(/properties\.outputs\.(\w+)\.value/g),
      ...provision.matchAll(/\$\(output (\w+)\)/g),
    ].map((m) => m[1]);
    expect(read.length).toBeGreaterThan(0);
    for (const name of read) expect(main.outputs).toContain(name);
  });

  it('look for the cursor secret under the name main.bicep gives it', () => {
    const inScript = /^cursor_secret_name='([^']+)'$/m.exec(provision)?.[1];
    const inBicep = /^var cursorSecretName = '([^']+)'$/m.exec(main.text)?.[1];
    expect(inScript).toBeDefined();
    expect(inScript).toBe(inBicep);
  });

  it('package the folders package.json loads functions from', () => {
    const main = (JSON.parse(readFileSync(join(infraDir, '..', 'package.json'), 'utf8')) as { main: string }).main;
    const packageScript = readFileSync(join(scriptDir, 'package.sh'), 'utf8');
    expect(main).toBe('dist/{functions,orchestrations}/*.js');
    for (const dir of ['dist/functions', 'dist/orchestrations', 'host.json', 'node_modules']) {
      expect(packageScript).toContain(` ${dir}`);
    }
    expect(packageScript).toContain('npm ci --omit=dev');
  });
});
