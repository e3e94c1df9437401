import { UsageError } from './usageError';

/** What the device code flow against Entra ID needs. */
export interface EntraSettings {
  /** Tenant id (GUID) or verified domain of the sign-in authority. */
  tenant: string;
  /** Client id of the public client app registration that signs the user in. */
  clientId: string;
  /** Scopes to request, e.g. api://signoff/access_as_user. */
  scopes: string[];
  /** Auth context ids to ask for through a claims request (step-up), e.g. ['c1']. */
  acrs: string[];
}

/** The values entraSettings reads from the command line. */
export interface EntraFlags {
  tenant?: string;
  'client-id'?: string;
  scope?: string[];
  acrs?: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](-?[a-z0-9])*\.)+[a-z]{2,}$/i;
const SCOPE = /^(api:\/\/\S+|https:\/\/\S+|[0-9a-f-]{36})\/\S+$/i;
const MULTI_TENANT_AUTHORITIES = new Set(['common', 'organizations', 'consumers']);

function tenantProblem(tenant: string | undefined): string | undefined {
  if (tenant === undefined) return 'the tenant is missing: pass --tenant <tenant id> or set ENTRA_TENANT_ID';
  if (MULTI_TENANT_AUTHORITIES.has(tenant.toLowerCase())) {
    return `--tenant must name one tenant (its id or domain), not "${tenant}": tokens are checked per tenant`;
  }
  if (!GUID.test(tenant) && !DOMAIN.test(tenant)) return `--tenant "${tenant}" is neither a tenant id nor a domain`;
  return undefined;
}

function clientProblem(clientId: string | undefined): string | undefined {
  if (clientId === undefined) return 'the client id is missing: pass --client-id <app id> or set ENTRA_CLIENT_ID';
  if (!GUID.test(clientId)) return `--client-id "${clientId}" is not an application (client) id GUID`;
  return undefined;
}

function scopeProblems(scopes: string[]): string[] {
  if (scopes.length === 0) return ['the scope is missing: pass --scope api://<api>/access_as_user or set ENTRA_SCOPE'];
  return scopes.filter((s) => !SCOPE.test(s)).map((s) => `--scope "${s}" must be <App ID URI or client id>/<scope>`);
}

function split(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(/[ ,]/)).filter((v) => v.length > 0);
}

/**
 * Validates the device code settings from flags, falling back to ENTRA_TENANT_ID, ENTRA_CLIENT_ID and
 * ENTRA_SCOPE (space- or comma-separated) in `env`.
 * @throws UsageError listing every missing or malformed setting.
 */
export function entraSettings(flags: EntraFlags, env: NodeJS.ProcessEnv): EntraSettings {
  const tenant = flags.tenant ?? (env['ENTRA_TENANT_ID'] || undefined);
  const clientId = flags['client-id'] ?? (env['ENTRA_CLIENT_ID'] || undefined);
  const scopes = split(flags.scope ?? (env['ENTRA_SCOPE'] ? [env['ENTRA_SCOPE']] : undefined));
  const acrs = split(flags.acrs);

  const problems = [tenantProblem(tenant), clientProblem(clientId), ...scopeProblems(scopes)];
  const bad = acrs.filter((a) => !/^c\d{1,2}$/.test(a)).map((a) => `--acrs "${a}" is not an auth context id (c1..c99)`);
  const all = [...problems, ...bad].filter((p): p is string => p !== undefined);
  if (all.length > 0 || tenant === undefined || clientId === undefined) throw new UsageError(all);
  return { tenant, clientId, scopes, acrs };
}
