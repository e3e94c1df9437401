import type { Config } from '../config/schema';
import type { PrincipalRules } from './principal';
import { parseRoleHierarchy } from './roles';
import type { VerifierSettings } from './verifier';

function list(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

/** The token checks the configuration asks for (AUTH_* settings). */
export function verifierSettings(config: Readonly<Config>): VerifierSettings {
  return {
    metadataUrl: config.authMetadataUrl,
    audiences: list(config.authAudience) ?? [],
    tenantIds: list(config.authTenantIds),
    clockSkewSeconds: config.authClockSkewSeconds,
    maxTokenLifetimeSeconds: config.authMaxTokenLifetimeSeconds,
    jwksCooldownSeconds: config.authJwksCooldownSeconds,
  };
}

/** The principal rules the configuration asks for (AUTH_SCOPE, AUTH_ROLE_HIERARCHY). */
export function principalRules(config: Readonly<Config>): PrincipalRules {
  return { scope: config.authScope, roleHierarchy: parseRoleHierarchy(config.authRoleHierarchy) };
}

/**
 * The auth context id a step-up must satisfy for `tenantId`: its own entry of AUTH_STEP_UP_CONTEXTS
 * ('<tenantId>=c2'), else the entry without a tenant ('c1'), else 'c1'.
 */
export function stepUpContextFor(config: Readonly<Config>, tenantId: string): string {
  const entries = (list(config.authStepUpContexts) ?? []).map((entry) => entry.split('='));
  const own = entries.find(
    ([tenant, context]) => context !== undefined && tenant?.toLowerCase() === tenantId.toLowerCase(),
  );
  const fallback = entries.find((entry) => entry.length === 1);
  return own?.[1] ?? fallback?.[0] ?? 'c1';
}
