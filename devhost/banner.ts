import path from 'node:path';
import { DURABLE_API_PREFIX } from './durable/clientData';
import { DEV_KEY_DIR } from './identity/defaults';
import { createRouter } from '../shared/http/routing/router';
import type { Devhost } from './startDevhost';

function databaseLine(devhost: Devhost): string {
  const schema = devhost.config.databaseSchema;
  if (devhost.database) {
    const { port, dataDir, initialised } = devhost.database;
    const where = path.relative(process.cwd(), dataDir) || dataDir;
    return `embedded PostgreSQL on 127.0.0.1:${port} (${initialised ? 'new' : 'reused'} data in ${where}), schema ${schema}`;
  }
  const url = new URL(devhost.config.databaseUrl ?? '');
  return `${url.hostname}:${url.port || '5432'}${url.pathname} (DATABASE_URL), schema ${schema}`;
}

function routeLines(devhost: Devhost): string[] {
  const table = createRouter(devhost.app.http, devhost.routePrefix).table();
  const width = Math.max(0, ...table.map((r) => r.path.length));
  return table.map(
    (r) =>
      `    ${r.methods.join(',').padEnd(18)} ${(devhost.url + r.path).padEnd(width + devhost.url.length)}  ${r.target.name}`,
  );
}

function tokenLine(devhost: Devhost): string {
  const command = 'npm run -s token -- --user alice --roles Signoff.Requester';
  const keyDir = path.relative(process.cwd(), devhost.keyDir);
  return path.resolve(devhost.keyDir) === path.resolve(DEV_KEY_DIR) ? command : `${command} --key-dir ${keyDir}`;
}

function durableNames(registrations: readonly { name: string }[]): string[] {
  return registrations.map((r) => r.name);
}

function namesLine(label: string, names: string[]): string {
  return `  ${label}: ${names.length > 0 ? names.join(', ') : 'none'}`;
}

/** What a started devhost serves, as lines for the console. */
export function bannerLines(devhost: Devhost): string[] {
  const { app, identity } = devhost;
  const timersNext = devhost.timers.nextRuns();
  const timers = app.timers.map((t) => `${t.name} (${t.schedule}, next ${timersNext[t.name]?.toISOString() ?? '-'})`);
  return [
    `Signoff devhost listening on ${devhost.url}`,
    `  HTTP functions (${app.http.length}):`,
    ...routeLines(devhost),
    namesLine('Timer functions', timers),
    namesLine('Orchestrations', durableNames(app.orchestrations)),
    namesLine('Activities', durableNames(app.activities)),
    `  Durable API: ${devhost.url}${DURABLE_API_PREFIX} (instances kept in the state folder)`,
    `  Database: ${databaseLine(devhost)}`,
    `  Identity provider: ${identity.metadataUrl}`,
    `    tenant ${identity.tenantId}, audience ${devhost.config.authAudience}`,
    `  Get a token: ${tokenLine(devhost)}`,
    `  Ctrl-C stops the devhost.`,
  ];
}
