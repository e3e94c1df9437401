import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { capturedFunctions } from './functionsCore';
import { installFunctionsCore } from './installFunctionsCore';
import { compiledRoot, moduleExtension } from './paths';
import { toLoadedApp, toRegistration, type LoadedApp } from './registrations';

/** The folders package.json "main" names for Azure: dist/{functions,orchestrations}/*.js. */
export const APP_FOLDERS = ['functions', 'orchestrations'] as const;

/** Every app module of `root`: the direct children of functions/ and orchestrations/ in this extension. */
export function appModuleFiles(root: string = compiledRoot(), extension: string = moduleExtension()): string[] {
  return APP_FOLDERS.flatMap((folder) => {
    const dir = path.join(root, folder);
    if (!existsSync(dir)) return [];
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && e.name.endsWith(extension) && !e.name.endsWith(`.d${extension}`))
      .map((e) => path.join(dir, e.name))
      .sort();
  });
}

function requireModule(file: string): void {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- modules known only at run time, loaded for their registrations
    require(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Loading ${path.relative(compiledRoot(), file)} failed: ${reason}`, { cause: error });
  }
}

/**
 * Requires `files` (each registers its functions as it loads) and returns everything registered so far in
 * this module registry. Loading a module twice registers nothing twice: require caches it.
 * @throws naming the module, when one throws while loading.
 */
export function loadModules(files: readonly string[]): LoadedApp {
  installFunctionsCore();
  files.forEach(requireModule);
  return toLoadedApp(capturedFunctions().map(toRegistration));
}

/**
 * Loads the app: every functions/* and orchestrations/* module relative to the compiled root (dist/ when
 * running compiled JavaScript, the repository root under jest), and returns the captured registrations.
 * @throws naming the module, when one throws while loading.
 */
export async function loadApp(): Promise<LoadedApp> {
  return loadModules(appModuleFiles());
}
