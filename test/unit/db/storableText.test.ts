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
});
