import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { ActorTypes } from './caseEvent';
import { Case } from './case';

/** A comment on a case, written once and never edited; listed by id (a v7 UUID: oldest first). */
export const CaseComment = defineEntity({
  name: 'CaseComment',
  tableName: 'case_comments',
  properties: {
    id: p.uuid().primary(),
    case: () => p.manyToOne(Case).mapToPk().fieldName('case_id').deleteRule('no action'),
    author: p.string().length(64),
    authorType: p.enum(ActorTypes),
    body: p.text(),
    /** The audit event that recorded this comment. */
    eventId: p.uuid(),
    createdAt: p.datetime(),
  },
  indexes: [{ name: 'case_comments_case_id_idx', properties: ['case', 'id'] }],
});

/** A row of `case_comments`. */
export type CaseComment = InferEntity<typeof CaseComment>;
