import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal';
import { findCase, findCaseToShow } from '../db/cases';
import type { Case } from '../db/entities';
import { Problem } from '../http/problem';

/**
 * The case `caseId` of the principal's tenant, its definition loaded.
 * @throws Problem not_found (404) when there is none, in this tenant or any other.
 */
export async function caseOf(em: EntityManager, principal: Principal, caseId: string): Promise<Case> {
  return visible(await findCase(em, principal.tenantId, caseId));
}

/**
 * The case `caseId` of the principal's tenant for showing with caseView, its definition not loaded
 * (isClosed and refuseClosed need caseOf).
 * @throws Problem not_found (404) when there is none, in this tenant or any other.
 */
export async function caseToShowOf(em: EntityManager, principal: Principal, caseId: string): Promise<Case> {
  return visible(await findCaseToShow(em, principal.tenantId, caseId));
}

function visible(row: Case | null): Case {
  if (row === null) throw new Problem('not_found', { detail: 'No case with this id is visible to you.' });
  return row;
}

/** Whether the case's state ends it (a terminal state of its definition). */
export function isClosed(row: Case): boolean {
  const state = row.definition.unwrap().document.states.find((s) => s.name === row.state);
  return state?.terminal === true;
}

/**
 * Refuses a change to a closed case.
 * @throws Problem conflict (409) when the case is in a terminal state.
 */
export function refuseClosed(row: Case, what: string): void {
  if (isClosed(row)) {
    throw new Problem('conflict', { detail: `The case is closed (state "${row.state}"); ${what} is not possible.` });
  }
}
