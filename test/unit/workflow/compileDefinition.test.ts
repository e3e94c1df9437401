import { compileDefinition, DefinitionCompileError, targetStates } from '../../../shared/workflow/compileDefinition';
import { purchaseRequestDefinition } from './definitions';

describe('compileDefinition', () => {
  it('compiles routes in order, with the default last and unconditional', () => {
    const approve = compileDefinition(purchaseRequestDefinition()).transitions.get('approve')!;

    expect(approve.routes.map((r) => [r.to, r.when?.source])).toEqual([
      ['finance-review', 'data.amount > 10000'],
      ['approved', undefined],
    ]);
    expect(approve.quorum).toBe(1);
  });

  it('compiles the dataSchema into a validator with pointers below the given prefix', () => {
    const { validateData } = compileDefinition(purchaseRequestDefinition());

    expect(validateData!({ amount: 5, currency: 'EUR' }, '/body/data')).toEqual([]);
    expect(validateData!({ currency: 'euro' }, '/body/data').map((e) => e.pointer)).toEqual([
      '/body/data/amount',
      '/body/data/currency',
    ]);
  });

  it('throws at the pointer of a condition that does not compile', () => {
    const document = purchaseRequestDefinition();
    document.transitions[1]!.targets![0]!.when = 'data.amount >';

    expect(() => compileDefinition(document)).toThrow(DefinitionCompileError);
    expect(() => compileDefinition(document)).toThrow(/at \/transitions\/1\/targets\/0\/when/);
  });

  it('throws for a schema that does not compile', () => {
    const document = purchaseRequestDefinition();
    document.transitions[3]!.inputSchema = { type: 'nonsense' };

    expect(() => compileDefinition(document)).toThrow(/at \/transitions\/3\/inputSchema/);
  });
});

describe('targetStates', () => {
  it('gives every target of a conditional transition once, and the one state of a plain one', () => {
    const [submit, approve] = purchaseRequestDefinition().transitions;

    expect(targetStates(submit!)).toEqual(['submitted']);
    expect(targetStates({ ...approve!, targets: [{ when: 'true', to: 'a' }, { to: 'a' }] })).toEqual(['a']);
  });
});
