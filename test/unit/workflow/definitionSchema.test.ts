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

  it('accepts the three kinds of relation and refuses any other', () => {
    const definition = purchaseRequestDefinition();
    definition.transitions[0]!.relations = ['requester', 'assignee', { approverOf: 'submit' }];
    expect(errorPaths(definition)).toEqual([]);

    (definition.transitions[0]!.relations as unknown[]) = ['owner'];
    expect(errorPaths(definition)).toContain('/transitions/0/relations/0 anyOf');
  });

  it('refuses an empty list of targets and a target without a state', () => {
    const definition = purchaseRequestDefinition();
    definition.transitions[1]!.targets = [];
    expect(errorPaths(definition)).toEqual(['/transitions/1/targets minItems']);

    (definition.transitions[1]!.targets as unknown[]) = [{ when: 'true' }];
    expect(errorPaths(definition)).toEqual(['/transitions/1/targets/0 required']);
  });

  it('refuses a condition longer than the limit', () => {
    const definition = purchaseRequestDefinition();
    definition.transitions[0]!.condition = `data.amount > 0${' '.repeat(1000)}`;

    expect(errorPaths(definition)).toEqual(['/transitions/0/condition maxLength']);
  });

  it('refuses a quorum that is not a whole number', () => {
    const definition = purchaseRequestDefinition();
    definition.transitions[2]!.quorum = 1.5;

    expect(errorPaths(definition)).toEqual(['/transitions/2/quorum type']);
  });
});
