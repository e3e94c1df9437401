import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { infraDir, modulePath, objectAfter, readBicep, type BicepFile } from './bicepSource';

const main = readBicep(join(infraDir, 'main.bicep'));
const moduleDir = join(infraDir, 'modules');
const modules = readdirSync(moduleDir)
  .filter((name) => name.endsWith('.bicep'))
  .map((name) => readBicep(join(moduleDir, name)));
const allFiles = [main, ...modules];

function localModules(file: BicepFile) {
  return file.modules.filter((m) => !m.path.startsWith('br:') && !m.path.startsWith('br/'));
}

function moduleFileOf(symbol: string): BicepFile {
  const reference = main.modules.find((m) => m.symbol === symbol);
  if (!reference) throw new Error(`main.bicep has no module named ${symbol}`);
  return readBicep(modulePath(main, reference.path));
}

function usesBeyondDeclaration(file: BicepFile, name: string): number {
  return [...file.text.matchAll(new RegExp(`\\b${name}\\b`, 'g'))].length - 1;
}

describe('infra Bicep modules', () => {
  it('targets the subscription from main.bicep and creates the resource group there', () => {
    expect(main.text).toMatch(/^targetScope = 'subscription'$/m);
    expect(main.resources.map((r) => r.type)).toContain('Microsoft.Resources/resourceGroups');
  });

  it('references only module files that exist', () => {
    for (const file of allFiles) {
      for (const m of localModules(file)) expect(existsSync(modulePath(file, m.path))).toBe(true);
    }
  });

  it('uses every module file under infra/modules from main.bicep', () => {
    const referenced = new Set(localModules(main).map((m) => modulePath(main, m.path)));
    for (const file of modules) expect(referenced).toContain(file.path);
  });

  it('pins every registry module to an exact version', () => {
    for (const file of allFiles) {
      for (const m of file.modules.filter((x) => x.path.startsWith('br'))) {
        expect(m.path).toMatch(/:\d+\.\d+\.\d+$/);
      }
    }
  });

  it('passes each module only parameters it declares, and every parameter it requires', () => {
    for (const reference of localModules(main)) {
      const declared = moduleFileOf(reference.symbol).params;
      const required = declared.filter((p) => !p.hasDefault).map((p) => p.name);
      expect({
        module: reference.symbol,
        unknown: reference.params.filter((p) => !declared.some((d) => d.name === p)),
      }).toEqual({
        module: reference.symbol,
        unknown: [],
      });
      expect({ module: reference.symbol, missing: required.filter((p) => !reference.params.includes(p)) }).toEqual({
        module: reference.symbol,
        missing: [],
      });
    }
  });

  it('reads only outputs that the referenced module declares', () => {
    for (const [, symbol, output] of main.text.matchAll(/\b(\w+)\.outputs\.(\w+)/g)) {
      expect({ symbol, output, declared: moduleFileOf(symbol!).outputs.includes(output!) }).toEqual({
        symbol,
        output,
        declared: true,
      });
    }
  });

  it('describes every parameter', () => {
    for (const file of allFiles) {
      const undescribed = file.params.filter((p) => !p.decorators.includes('description')).map((p) => p.name);
      expect({ file: file.path, undescribed }).toEqual({ file: file.path, undescribed: [] });
    }
  });

  it('uses every parameter and variable it declares', () => {
    for (const file of allFiles) {
      const unused = [...file.params.map((p) => p.name), ...file.vars].filter(
        (n) => usesBeyondDeclaration(file, n) < 1,
      );
      expect({ file: file.path, unused }).toEqual({ file: file.path, unused: [] });
    }
  });

  it('names the outputs of main.bicep in UPPER_SNAKE_CASE', () => {
    expect(main.outputs.length).toBeGreaterThan(0);
    for (const output of main.outputs) expect(output).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
  });

  it('lets every generated resource name be overridden by an empty-default parameter', () => {
    const names = objectAfter(main.text, 'var names =');
    const overrides = main.params.filter((p) => names.includes(`empty(${p.name})`));
    expect(overrides.length).toBeGreaterThanOrEqual(10);
    for (const p of overrides) {
      expect(main.text).toContain(`param ${p.name} string = ''`);
      expect(names).toMatch(new RegExp(`empty\\(${p.name}\\) \\? .+ : ${p.name}$`, 'm'));
    }
  });

  it('loads only files that exist', () => {
    for (const file of allFiles) {
      for (const [, loaded] of file.text.matchAll(/load(?:Text|Json)Content\('([^']+)'\)/g)) {
        expect(existsSync(modulePath(file, loaded!))).toBe(true);
      }
    }
  });

  it('uses stable API versions, the same one for each resource type', () => {
    const versions = new Map<string, Set<string>>();
    for (const file of allFiles) {
      for (const r of file.resources) {
        expect(r.apiVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        versions.set(r.type, (versions.get(r.type) ?? new Set()).add(r.apiVersion));
      }
    }
    for (const [type, seen] of versions) expect({ type, versions: [...seen].length }).toEqual({ type, versions: 1 });
  });

  it('makes role assignments only in roles.bicep', () => {
    for (const file of allFiles) {
      const assigns = file.resources.some((r) => r.type === 'Microsoft.Authorization/roleAssignments');
      expect({ file: file.path, assigns }).toEqual({ file: file.path, assigns: file.path.endsWith('roles.bicep') });
    }
  });
});
