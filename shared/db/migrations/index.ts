import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261203084011_initial } from './Migration20261203084011_initial';
import { Migration20261203090000_idempotency_keys } from './Migration20261203090000_idempotency_keys';
import { Migration20261203120000_audit_trail } from './Migration20261203120000_audit_trail';
import { Migration20261203130000_case_lists_approvals_comments } from './Migration20261203130000_case_lists_approvals_comments';

/**
 * Every migration in the order it applies. A new migration file is added to the end of this list
 * (`npm run migration:create -- <label>` prints the line to add); names never change once released.
 */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261203084011_initial', class: Migration20261203084011_initial },
  { name: 'Migration20261203090000_idempotency_keys', class: Migration20261203090000_idempotency_keys },
  { name: 'Migration20261203120000_audit_trail', class: Migration20261203120000_audit_trail },
  {
    name: 'Migration20261203130000_case_lists_approvals_comments',
    class: Migration20261203130000_case_lists_approvals_comments,
  },
];
