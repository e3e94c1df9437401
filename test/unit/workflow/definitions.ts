import type { WorkflowDefinitionDocument } from '../../../shared/workflow/definitionSchema';
import purchaseRequest from '../../../examples/purchase-request.json';

/** A fresh copy of the example purchase-request definition, for tests to alter freely. */
export function purchaseRequestDefinition(): WorkflowDefinitionDocument {
  return structuredClone(purchaseRequest) as WorkflowDefinitionDocument;
}
