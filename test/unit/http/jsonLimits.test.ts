import { jsonLimitError, MAX_JSON_DEPTH } from '../../../shared/http/jsonLimits';

function nested(levels: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

describe('jsonLimitError', () => {
  test('ordinary values, paired surrogates (emoji) and NUL-free strings pass', () => {
    expect(jsonLimitError({ title: 'Laptop 💻', items: [1, 2.5, -0, null, true, 'x'] }, '/body')).toBeUndefined();
  });

  test('exactly MAX_JSON_DEPTH levels pass and one more is refused at the container that is too deep', () => {
    expect(jsonLimitError(nested(MAX_JSON_DEPTH), '/body')).toBeUndefined();

    const error = jsonLimitError(nested(MAX_JSON_DEPTH + 1), '/body');

    expect(error?.pointer).toBe(`/body${'/a'.repeat(MAX_JSON_DEPTH)}`);
    expect(error?.message).toMatch(/deeper than 64/);
  });

  test('non-finite numbers are refused wherever they sit', () => {
    expect(jsonLimitError([0, { x: [Infinity] }], '')?.pointer).toBe('/1/x/0');
    expect(jsonLimitError(-Infinity, '/body')?.pointer).toBe('/body');
  });

  test('member names are escaped in the pointer as RFC 6901 says', () => {
    expect(jsonLimitError({ 'a/b~c': 'x\udc00' }, '/body')?.pointer).toBe('/body/a~1b~0c');
  });

  test('the first problem in document order is reported', () => {
    expect(jsonLimitError({ first: '\ud800', second: Infinity }, '/body')?.pointer).toBe('/body/first');
  });

  test('an array of half a million items is walked without a call-stack overflow', () => {
    const items = new Array<number>(500_000).fill(0);
    items.push(Infinity);

    expect(jsonLimitError({ items }, '/body')?.pointer).toBe('/body/items/500000');
  });
});
