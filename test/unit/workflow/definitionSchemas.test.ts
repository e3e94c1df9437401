import { compileAuthorSchema } from '../../../shared/workflow/definitionSchemas';

function validator(schema: Record<string, unknown>) {
  const compiled = compileAuthorSchema(schema);
  if (!compiled.ok) throw new Error(compiled.problem);
  return compiled.validate;
}

describe('compileAuthorSchema', () => {
  it('reports every error with a pointer below the prefix', () => {
    const validate = validator({
      type: 'object',
      required: ['reason'],
      properties: { reason: { type: 'string' }, due: { type: 'string', format: 'date' } },
    });

    expect(validate({ due: 'soon' }, '/body')).toEqual([
      { pointer: '/body/reason', message: expect.any(String) },
      { pointer: '/body/due', message: expect.stringContaining('date') },
    ]);
    expect(validate({ reason: 'ok', due: '2026-12-03' }, '/body')).toEqual([]);
  });

  it('refuses an unknown keyword, so a misspelling is not silently ignored', () => {
    expect(compileAuthorSchema({ type: 'object', requried: ['reason'] })).toEqual({
      ok: false,
      problem: expect.stringContaining('requried'),
    });
  });

  it('lets two definitions use the same $id', () => {
    expect(compileAuthorSchema({ $id: 'https://example.com/data', type: 'object' }).ok).toBe(true);
    expect(compileAuthorSchema({ $id: 'https://example.com/data', type: 'object', required: ['a'] }).ok).toBe(true);
  });

  it('is not affected by later changes to the schema object it compiled', () => {
    const schema: Record<string, unknown> = { type: 'object', required: ['a'] };
    const validate = validator(schema);

    schema['required'] = ['b'];

    expect(validate({ a: 1 }, '')).toEqual([]);
  });

  it('writes no defaults into the value it checks', () => {
    const value: Record<string, unknown> = {};

    validator({ type: 'object', properties: { a: { type: 'string', default: 'x' } } })(value, '');

    expect(value).toEqual({});
  });
});
