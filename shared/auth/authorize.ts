import type { Access } from '../http/endpoint';
import { Problem } from '../http/problem';
import type { Principal } from './principal';

/** Whether `principal` holds `role`, directly or through the role hierarchy (its effective roles). */
export function hasRole(principal: Principal, role: string): boolean {
  return principal.effectiveRoles.includes(role);
}

/** The role an endpoint declared with `access` requires, or undefined when it requires none. */
export function requiredRole(access: Access): string | undefined {
  return typeof access === 'object' ? access.role : undefined;
}

/**
 * Checks that `principal` may call an endpoint declared with `access`. Public and authenticated access
 * always pass: the principal exists, so its token was validated; no role is asked for.
 * @throws Problem forbidden (403) when the principal lacks the required role.
 */
export function authorize(principal: Principal, access: Access): void {
  const role = requiredRole(access);
  if (role === undefined) return;
  if (!hasRole(principal, role)) {
    throw new Problem('forbidden', { detail: `This action needs the ${role} role.` });
  }
}
