import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigSchema } from '../../../shared/config/schema';
import { envName } from '../../../shared/config/load';
import { check } from '../../../shared/http/validation';
import { OpenCaseBodySchema } from '../../../shared/workflow/caseSchemas';

const readme = readFileSync(path.join(__dirname, '../../../README.md'), 'utf8');
const documented = new Set([...readme.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]));

describe('README configuration table', () => {
  it.each(Object.keys(ConfigSchema.properties).map(envName))('documents %s', (name) => {
    expect(documented.has(name)).toBe(true);
  });

  it('documents no variable the configuration does not read', () => {
    const known = new Set(Object.keys(ConfigSchema.properties).map(envName));
    expect([...documented].filter((name) => name !== undefined && !known.has(name))).toEqual([]);
  });
});

describe('README commands', () => {
  it('gives the test command that .ci/run runs', () => {
    const ci = readFileSync(path.join(__dirname, '../../../.ci/run'), 'utf8');
    expect(readme).toContain('npm ci && npm test');
    expect(ci).toMatch(/^npm ci && npm test$/m);
  });
});

describe('README curl examples', () => {
  it('opens a case with a body the open-case endpoint accepts (it once sent "workflow" for "workflowKey")', () => {
    const sent = /\/api\/v1\/cases [^`]*?--data '([^']+)'/.exec(readme)?.[1];

    expect(sent).toBeDefined();
    expect(() => check(OpenCaseBodySchema, JSON.parse(sent!), '/body')).not.toThrow();
  });
});
