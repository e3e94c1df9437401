/** The app roles of the Signoff API registration, as they appear in the `roles` claim. */
export const Roles = {
  Reader: 'Signoff.Reader',
  Requester: 'Signoff.Requester',
  Approver: 'Signoff.Approver',
  Admin: 'Signoff.Admin',
  Auditor: 'Signoff.Auditor',
} as const;

/** One of the Signoff app role names. */
export type RoleName = (typeof Roles)[keyof typeof Roles];

/** The default hierarchy, least privileged first; Signoff.Auditor stands apart (audit reads only). */
export const DEFAULT_ROLE_HIERARCHY: readonly string[] = [Roles.Reader, Roles.Requester, Roles.Approver, Roles.Admin];

/** Parses a comma-separated hierarchy ('Signoff.Reader,Signoff.Requester,...'), least privileged first. */
export function parseRoleHierarchy(text: string): string[] {
  return text
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role.length > 0);
}

/**
 * The roles a principal holds: every granted role plus each role below it in `hierarchy`. Roles outside
 * the hierarchy (Signoff.Auditor, foreign roles) imply nothing and are kept as granted. Sorted, no duplicates.
 */
export function effectiveRoles(granted: readonly string[], hierarchy: readonly string[] = DEFAULT_ROLE_HIERARCHY) {
  const held = new Set(granted);
  const highest = Math.max(-1, ...granted.map((role) => hierarchy.indexOf(role)));
  for (const role of hierarchy.slice(0, highest + 1)) held.add(role);
  return [...held].sort();
}
