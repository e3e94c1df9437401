import Module from 'node:module';
import path from 'node:path';
import { moduleExtension } from './paths';

/** The module name the Azure Functions worker provides and `@azure/functions` requires. */
export const FUNCTIONS_CORE = '@azure/functions-core';

type ResolveFilename = (request: string, ...rest: unknown[]) => string;
const resolver = Module as unknown as { _resolveFilename: ResolveFilename };

function resolvesAlready(): boolean {
  try {
    require.resolve(FUNCTIONS_CORE);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes `require('@azure/functions-core')` load devhost/functionsCore, as the worker's injected module
 * would be. Call it before the app's first registration; `@azure/functions` looks the module up once.
 * Does nothing when the name already resolves (jest maps it with moduleNameMapper).
 */
export function installFunctionsCore(): void {
  if (resolvesAlready()) return;

  const standIn = path.join(__dirname, `functionsCore${moduleExtension()}`);
  const original = resolver._resolveFilename;
  resolver._resolveFilename = function resolveFunctionsCore(this: unknown, request, ...rest) {
    if (request === FUNCTIONS_CORE) return standIn;
    return original.call(this, request, ...rest);
  };
}
