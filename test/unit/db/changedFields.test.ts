import { changedFields } from '../../../shared/db/changedFields';

describe('changedFields', () => {
  it('names nothing when nothing changed, whatever the key order', () => {
    expect(changedFields({ a: 1, b: { c: [1, 2], d: null } }, { b: { d: null, c: [1, 2] }, a: 1 })).toEqual([]);
  });

  it('points at each changed leaf of nested objects, sorted', () => {
    const before = { state: 'draft', data: { amount: 10, vendor: { name: 'A', city: 'X' } } };
    const after = { state: 'submitted', data: { amount: 12, vendor: { name: 'A', city: 'Y' } } };

    expect(changedFields(before, after)).toEqual(['/data/amount', '/data/vendor/city', '/state']);
  });

  it('counts added and removed fields, a null value included', () => {
    expect(changedFields({ data: { gone: 1 } }, { data: { added: null } })).toEqual(['/data/added', '/data/gone']);
  });

  it('treats an array as one field', () => {
    expect(changedFields({ data: { lines: [1, 2] } }, { data: { lines: [1, 3] } })).toEqual(['/data/lines']);
  });

  it('points at a field whose type changed rather than inside it', () => {
    expect(changedFields({ data: { v: { a: 1 } } }, { data: { v: 'a' } })).toEqual(['/data/v']);
  });

  it('escapes ~ and / in keys as RFC 6901 says', () => {
    expect(changedFields({ data: {} }, { data: { 'a/b': 1, 'c~d': 2 } })).toEqual(['/data/a~1b', '/data/c~0d']);
  });

  it('names every top-level field of a new case', () => {
    expect(changedFields(null, { title: 't', state: 's', data: { x: 1 } })).toEqual(['/data', '/state', '/title']);
  });
});
