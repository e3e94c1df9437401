import { Case } from './case';
import { CaseApproval } from './caseApproval';
import { CaseComment } from './caseComment';
import { CaseEvent } from './caseEvent';
import { IdempotencyKey } from './idempotencyKey';
import { OutboxMessage } from './outboxMessage';
import { WorkflowDefinition } from './workflowDefinition';

/** Every entity Signoff persists, listed explicitly (no folder discovery). */
export const entities = [WorkflowDefinition, Case, CaseEvent, OutboxMessage, IdempotencyKey, CaseApproval, CaseComment];

export { Case, CaseApproval, CaseComment, CaseEvent, IdempotencyKey, OutboxMessage, WorkflowDefinition };
