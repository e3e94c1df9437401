import { unstorableText } from '../../../shared/db/storableText';

describe('unstorableText', () => {
  it('finds nothing in ordinary text, emoji and nested data', () => {
    expect(unstorableText({ title: 'Café 🚀', items: [{ note: 'ok' }, 3, null, true] }, '/body')).toEqual([]);
  });

  it('points at every string holding a NUL character', () => {
    const found = unstorableText({ title: 'a\u0000b', data: { list: ['fine', 'x\u0000'] } }, '/body');

    expect(found.map((f) => f.pointer)).toEqual(['/body/title', '/body/data/list/1']);
  });

  it('points at a lone surrogate but accepts a proper pair', () => {
    expect(unstorableText({ bad: '\ud800x', good: '\ud83d\ude80' }, '').map((f) => f.pointer)).toEqual(['/bad']);
  });

  it('checks object keys too, escaping them in the pointer', () => {
    expect(unstorableText({ 'a/b\u0000': 1 }, '/data').map((f) => f.pointer)).toEqual(['/data/a~1b\u0000']);
  });

  it('reports in document order: each key before its value, members and items as they come', () => {
    const value = { 'k\u0000': 'v\u0000', list: ['a\u0000', { 'b\u0000': 'fine' }], last: '\udc00' };

    expect(unstorableText(value, '').map((f) => f.pointer)).toEqual([
      '/k\u0000',
      '/k\u0000',
      '/list/0',
      '/list/1/b\u0000',
      '/last',
    ]);
  });

  it('skips the holes of a sparse array and still checks the items after them', () => {
    const sparse: unknown[] = [];
    sparse[3] = 'x\u0000';

    expect(unstorableText([sparse, '\u0000'], '').map((f) => f.pointer)).toEqual(['/0/3', '/1']);
  });

  it('checks 100,000 levels of nesting without overflowing the call stack', () => {
    const depth = 100_000;
    let arrays: unknown = 'x\u0000';
    let objects: unknown = { 'y\u0000': null };
    for (let i = 0; i < depth; i++) {
      arrays = [arrays];
      objects = { n: objects };
    }

    const found = unstorableText({ arrays, objects }, '/body');

    expect(found).toEqual([
      { pointer: `/body/arrays${'/0'.repeat(depth)}`, message: expect.stringMatching(/NUL/) },
      { pointer: `/body/objects${'/n'.repeat(depth)}/y\u0000`, message: expect.stringMatching(/NUL/) },
    ]);
  });

  it('checks an array of 1,000,000 items, reporting only the unstorable one', () => {
    const items: string[] = new Array<string>(1_000_000).fill('ok');
    items[765_432] = '\ud800';

    expect(unstorableText(items, '').map((f) => f.pointer)).toEqual(['/765432']);
  });
});
