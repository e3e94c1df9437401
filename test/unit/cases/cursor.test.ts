import { decodeCursor, encodeCursor, type CursorScope } from '../../../shared/cases/cursor';
import { Problem } from '../../../shared/http/problem';

const SECRET = 'a-test-secret-of-at-least-thirty-two-chars';
const scope: CursorScope = { list: 'cases', tenantId: 't1', query: { state: 'draft', sort: '-createdAt' } };

function code(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error instanceof Problem ? error.code : 'not a problem';
  }
}

describe('cursors', () => {
  it('give back the position they were made for', () => {
    const cursor = encodeCursor(['2026-12-03 09:00:00.123456+00', 'id-1'], scope, SECRET);

    expect(decodeCursor(cursor, scope, SECRET)).toEqual(['2026-12-03 09:00:00.123456+00', 'id-1']);
  });

  it('bind the query whatever the key order of its filters', () => {
    const cursor = encodeCursor(['k'], scope, SECRET);
    const reordered = { ...scope, query: { sort: '-createdAt', state: 'draft' } };

    expect(decodeCursor(cursor, reordered, SECRET)).toEqual(['k']);
  });

  it.each([
    ['another list', { ...scope, list: 'case-comments' }],
    ['another tenant', { ...scope, tenantId: 't2' }],
    ['another filter', { ...scope, query: { state: 'approved', sort: '-createdAt' } }],
    ['an added filter', { ...scope, query: { ...scope.query, q: 'x' } }],
  ])('are refused for %s', (_what, other) => {
    const cursor = encodeCursor(['k'], scope, SECRET);

    expect(code(() => decodeCursor(cursor, other, SECRET))).toBe('invalid_cursor');
  });

  it('are refused when signed with another secret', () => {
    const cursor = encodeCursor(['k'], scope, 'another-secret-of-at-least-thirty-two-chars');

    expect(code(() => decodeCursor(cursor, scope, SECRET))).toBe('invalid_cursor');
  });

  it('are refused after any one character changes, padding bits included', () => {
    const cursor = encodeCursor(['2026-12-03 09:00:00+00', '0190'], scope, SECRET);

    for (let at = 0; at < cursor.length; at += 1) {
      for (const replacement of ['A', 'B', 'g', '_']) {
        if (cursor[at] === replacement) continue;
        const tampered = `${cursor.slice(0, at)}${replacement}${cursor.slice(at + 1)}`;
        expect(code(() => decodeCursor(tampered, scope, SECRET))).toBe('invalid_cursor');
      }
    }
  });

  it.each(['', '.', 'abc', 'a.b.c', 'e30.', '.e30'])('refuses %j, which is no cursor', (text) => {
    expect(code(() => decodeCursor(text, scope, SECRET))).toBe('invalid_cursor');
  });

  it('are opaque base64url text that fits in a query string unescaped', () => {
    expect(encodeCursor(['2026-12-03 09:00:00+00', 'x'], scope, SECRET)).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });
});
