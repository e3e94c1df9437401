import type { Config } from './schema';

/** Tenant segments of an Entra (or devhost) metadata URL whose issuer holds the {tenantid} placeholder. */
const MULTI_TENANT_SEGMENTS = new Set(['organizations', 'common', '{tenantid}']);

/**
 * Whether the discovery URL names a multi-tenant authority: a path segment `organizations`, `common` or
 * the `{tenantid}` template (`https://login.microsoftonline.com/organizations/v2.0/...`).
 */
export function isMultiTenantMetadataUrl(metadataUrl: string): boolean {
  if (!URL.canParse(metadataUrl)) return false;
  const segments = new URL(metadataUrl).pathname.split('/').map((segment) => safeDecode(segment).toLowerCase());
  return segments.some((segment) => MULTI_TENANT_SEGMENTS.has(segment));
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * What the AUTH_* settings need of each other, as far as the configuration alone can tell: multi-tenant
 * metadata (AUTH_METADATA_URL of `organizations`, `common` or `{tenantid}`) needs AUTH_TENANT_IDS, or any
 * tenant in the world could call. Returns every problem as `NAME: message` lines.
 */
export function authProblems(config: Config): string[] {
  if (config.authTenantIds !== undefined || !isMultiTenantMetadataUrl(config.authMetadataUrl)) return [];
  return [
    'AUTH_TENANT_IDS: is required when AUTH_METADATA_URL is multi-tenant (organizations, common or {tenantid}); ' +
      'list the tenant ids whose tokens are accepted, comma-separated',
  ];
}
