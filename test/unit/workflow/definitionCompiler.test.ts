import { definitionCompiler } from '../../../shared/workflow/definitionCompiler';
import { purchaseRequestDefinition } from './definitions';

describe('definitionCompiler', () => {
  it('compiles a version once and hands back the same compiled definition', () => {
    const compile = definitionCompiler();

    const first = compile('purchase-request@1', purchaseRequestDefinition());

    expect(compile('purchase-request@1', purchaseRequestDefinition())).toBe(first);
    expect(compile('purchase-request@2', purchaseRequestDefinition())).not.toBe(first);
  });

  it('forgets the least recently used version beyond its size', () => {
    const compile = definitionCompiler(2);
    const one = compile('a@1', purchaseRequestDefinition());
    const two = compile('a@2', purchaseRequestDefinition());

    compile('a@1', purchaseRequestDefinition());
    compile('a@3', purchaseRequestDefinition());

    expect(compile('a@1', purchaseRequestDefinition())).toBe(one);
    expect(compile('a@2', purchaseRequestDefinition())).not.toBe(two);
  });
});
