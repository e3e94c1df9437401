import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from './paths';

interface HostJson {
  extensions?: {
    http?: { routePrefix?: unknown };
    durableTask?: {
      hubName?: unknown;
      maxConcurrentActivityFunctions?: unknown;
      maxConcurrentOrchestratorFunctions?: unknown;
    };
  };
}

function readHostJson(root: string): { file: string; host: HostJson } {
  const file = path.join(root, 'host.json');
  return { file, host: JSON.parse(readFileSync(file, 'utf8')) as HostJson };
}

/**
 * The HTTP route prefix from host.json (extensions.http.routePrefix) without surrounding slashes.
 * Azure's default 'api' applies when host.json does not set it; an empty string means no prefix.
 * @throws when host.json is missing, not JSON, or sets a prefix that is not a string.
 */
export function readRoutePrefix(root: string = packageRoot()): string {
  const { file, host } = readHostJson(root);
  const prefix = host.extensions?.http?.routePrefix ?? 'api';
  if (typeof prefix !== 'string') throw new Error(`${file}: extensions.http.routePrefix must be a string`);
  return prefix.replace(/^\/+|\/+$/g, '');
}

/**
 * The durable task hub name from host.json (extensions.durableTask.hubName); the extension's default
 * 'TestHubName' when unset. @throws when host.json is missing or not JSON.
 */
export function readTaskHub(root: string = packageRoot()): string {
  const hub = readHostJson(root).host.extensions?.durableTask?.hubName;
  return typeof hub === 'string' && hub !== '' ? hub : 'TestHubName';
}

/** Concurrency limits of the durable extension from host.json (extensions.durableTask); 10 each when unset. */
export function readDurableConcurrency(root: string = packageRoot()): { activities: number; orchestrators: number } {
  const durable = readHostJson(root).host.extensions?.durableTask;
  const positive = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : 10);
  return {
    activities: positive(durable?.maxConcurrentActivityFunctions),
    orchestrators: positive(durable?.maxConcurrentOrchestratorFunctions),
  };
}
