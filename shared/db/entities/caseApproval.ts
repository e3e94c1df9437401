import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Case } from './case';

/**
 * One approver's approval toward a transition's quorum, in one approval round of the case (the case's
 * `round` when it was given). The unique (case, transition, round, approver) index makes it impossible
 * for one approver to count twice in a round, whatever races the application loses.
 */
export const CaseApproval = defineEntity({
  name: 'CaseApproval',
  tableName: 'case_approvals',
  properties: {
    id: p.uuid().primary(),
    case: () => p.manyToOne(Case).mapToPk().fieldName('case_id').deleteRule('no action'),
    transition: p.string().length(64),
    round: p.integer(),
    approver: p.string().length(64),
    /** The audit event that recorded this approval. */
    eventId: p.uuid(),
    approvedAt: p.datetime(),
  },
  uniques: [{ name: 'case_approvals_once_per_round', properties: ['case', 'transition', 'round', 'approver'] }],
});

/** A row of `case_approvals`. */
export type CaseApproval = InferEntity<typeof CaseApproval>;
