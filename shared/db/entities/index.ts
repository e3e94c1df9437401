import { Case } from './case';
import { CaseEvent } from './caseEvent';
import { OutboxMessage } from './outboxMessage';
import { WorkflowDefinition } from './workflowDefinition';

/** Every entity Signoff persists, listed explicitly (no folder discovery). */
export const entities = [WorkflowDefinition, Case, CaseEvent, OutboxMessage];

export { Case, CaseEvent, OutboxMessage, WorkflowDefinition };
