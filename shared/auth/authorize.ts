import type { Access } from '../http/endpoint';
import { Problem } from '../http/problem';
import type { Principal } from './principal';

/** Whether `principal` holds `role`, directly or through the role hierarchy (its effective roles). */
export function hasRole(principal: Principal, role: string): boolean {
  return principal.effectiveRoles.includes(role);
}

/**
 * Checks that `principal` may call an endpoint declared with `access`. Public access always passes.
 * @throws Problem forbidden (403) when the principal lacks the required role.
 */
export function authorize(principal: Principal, access: Access): void {
  if (access === 'public') return;
  if (!hasRole(principal, access.role)) {
    throw new Problem('forbidden', { detail: `This action needs the ${access.role} role.` });
  }
}
