import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder holding functions/, orchestrations/ and devhost/ as this process runs them: dist/ for
 * compiled JavaScript, the repository root when jest runs the TypeScript sources.
 */
export function compiledRoot(): string {
  return path.resolve(__dirname, '..');
}

/** The extension of the app's modules in this process: '.js' compiled, '.ts' under jest. */
export function moduleExtension(): string {
  return path.extname(__filename);
}

/** The package root: the nearest folder at or above the compiled root that holds host.json. */
export function packageRoot(): string {
  let dir = compiledRoot();
  while (!existsSync(path.join(dir, 'host.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No host.json found at or above ${compiledRoot()}`);
    dir = parent;
  }
  return dir;
}

/**
 * The devhost's state folder (embedded PostgreSQL data, dev signing keys): DEVHOST_DIR when set,
 * else .devhost in the package root, which git ignores.
 */
export function devhostStateDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env['DEVHOST_DIR'];
  return configured ? path.resolve(configured) : path.join(packageRoot(), '.devhost');
}
