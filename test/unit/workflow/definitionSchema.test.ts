import { ajv } from '../../../shared/http/validation';
import { WorkflowDefinitionDocumentSchema } from '../../../shared/workflow/definitionSchema';
import { purchaseRequestDefinition } from './definitions';

const validate = ajv.compile(WorkflowDefinitionDocumentSchema);

function errorPaths(document: unknown): string[] {
  validate(document);
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
}

describe('WorkflowDefinitionDocumentSchema', () => {
  it('accepts the example purchase request', () => {
    expect(errorPaths(purchaseRequestDefinition())).toEqual([]);
  });

  it('refuses names that would not be safe in a URL', () => {
    const definition = purchaseRequestDefinition();
    definition.transitions[0]!.name = 'Submit Now/';

    expect(errorPaths(definition)).toEqual(['/transitions/0/name pattern']);
  });

  it('refuses a transition that no role may take', () => {
    const definition = purchaseRequestDefinition();
    definition.transitions[1]!.roles = [];

    expect(errorPaths(definition)).toEqual(['/transitions/1/roles minItems']);
  });

  it('refuses unknown properties, so a misspelt field is not silently ignored', () => {
    const definition = { ...purchaseRequestDefinition(), intialState: 'draft' };

    expect(errorPaths(definition)).toEqual([' additionalProperties']);
  });
});
