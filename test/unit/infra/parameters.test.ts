import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { infraDir, readBicep } from './bicepSource';

const main = readBicep(join(infraDir, 'main.bicep'));
const parameterDir = join(infraDir, 'parameters');
const parameterFiles = readdirSync(parameterDir).map((name) => ({
  name,
  text: readFileSync(join(parameterDir, name), 'utf8'),
}));

function assignments(text: string): Map<string, string> {
  return new Map([...text.matchAll(/^param (\w+) = (.+)$/gm)].map((m) => [m[1]!, m[2]!]));
}

// Shapes of credentials that must never be committed: storage keys, SAS tokens, passwords, client
// secrets, private keys, long base64 blobs.
const secretShapes = [
  /AccountKey=/i,
  /SharedAccessSignature|[?&]sig=/i,
  /password\s*[=:]/i,
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /[A-Za-z0-9~._-]{3}8Q~[A-Za-z0-9~._-]{30,}/,
  /'[A-Za-z0-9+/]{40,}={0,2}'/,
];

describe('infra parameter files', () => {
  it('exist for dev and prod', () => {
    expect(parameterFiles.map((f) => f.name).sort()).toEqual(['dev.bicepparam', 'prod.bicepparam']);
  });

  it('use main.bicep', () => {
    for (const file of parameterFiles) {
      const using = /^using '([^']+)'$/m.exec(file.text)?.[1];
      expect(using && resolve(parameterDir, using)).toBe(main.path);
    }
  });

  it('assign only parameters main.bicep declares, and every one it requires', () => {
    const declared = new Set(main.params.map((p) => p.name));
    const required = main.params.filter((p) => !p.hasDefault).map((p) => p.name);
    for (const file of parameterFiles) {
      const assigned = [...assignments(file.text).keys()];
      expect({ file: file.name, unknown: assigned.filter((name) => !declared.has(name)) }).toEqual({
        file: file.name,
        unknown: [],
      });
      expect({ file: file.name, missing: required.filter((name) => !assigned.includes(name)) }).toEqual({
        file: file.name,
        missing: [],
      });
    }
  });

  it('set the region as a literal, which provision.sh reads for the deployment', () => {
    for (const file of parameterFiles) expect(file.text).toMatch(/^param location = '[a-z0-9]+'$/m);
  });

  it('read secure parameters from the environment, never from the file', () => {
    const secure = main.params.filter((p) => p.decorators.includes('secure')).map((p) => p.name);
    expect(secure).toEqual(['cursorSecret']);
    for (const file of parameterFiles) {
      const value = assignments(file.text).get('cursorSecret');
      expect(value).toMatch(/^readEnvironmentVariable\('SIGNOFF_[A-Z_]+', ''\)$/);
    }
  });

  it('contain no credentials and no tenant-specific ids', () => {
    for (const file of parameterFiles) {
      for (const shape of secretShapes)
        expect({ file: file.name, shape: shape.test(file.text) }).toEqual({
          file: file.name,
          shape: false,
        });
      expect(file.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    }
  });

  it('recognise a committed credential as one', () => {
    const leaked = [
      "param x = 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc'",
      "param x = 'abc8Q~abcdefghijklmnopqrstuvwxyz0123456789'",
      `param x = '${'QUJD'.repeat(12)}'`,
    ];
    for (const line of leaked) expect(secretShapes.some((shape) => shape.test(line))).toBe(true);
  });
});
