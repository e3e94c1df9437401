import { Case } from './case';
import { CaseEvent } from './caseEvent';
import { IdempotencyKey } from './idempotencyKey';
import { OutboxMessage } from './outboxMessage';
import { WorkflowDefinition } from './workflowDefinition';

/** Every entity Signoff persists, listed explicitly (no folder discovery). */
export const entities = [WorkflowDefinition, Case, CaseEvent, OutboxMessage, IdempotencyKey];

export { Case, CaseEvent, IdempotencyKey, OutboxMessage, WorkflowDefinition };
