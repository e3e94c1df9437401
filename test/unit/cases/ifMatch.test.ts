import { assertIfMatch, parseIfMatch, requireIfMatch } from '../../../shared/cases/ifMatch';
import { Problem } from '../../../shared/http/problem';

function problemOf(run: () => unknown): Problem | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
}

describe('parseIfMatch', () => {
  it('reads strong and weak tags from a list', () => {
    expect(parseIfMatch('"1", W/"2" ,"x,y"')).toEqual({ strong: ['"1"', '"x,y"'], weak: ['"2"'] });
  });

  it.each(['1', '"1', '"1" "2"', 'W/1', ',', '"1",,"2"', 'w/"1"'])('refuses %j with 400 at the header', (value) => {
    expect(problemOf(() => parseIfMatch(value))).toMatchObject({
      code: 'validation_failed',
      errors: [expect.objectContaining({ pointer: '/headers/if-match' })],
    });
  });
});

describe('requireIfMatch', () => {
  it.each([undefined, '', '  ', '*'])('answers 428 for %j', (value) => {
    const headers = new Headers(value === undefined ? {} : { 'if-match': value });

    expect(problemOf(() => requireIfMatch(headers))?.code).toBe('precondition_required');
  });

  it('gives the tags of a well-formed header', () => {
    expect(requireIfMatch(new Headers({ 'if-match': '"3"' }))).toEqual({ strong: ['"3"'], weak: [] });
  });
});

describe('assertIfMatch', () => {
  it('passes when a strong tag names the current ETag', () => {
    expect(problemOf(() => assertIfMatch({ strong: ['"2"', '"3"'], weak: [] }, '"3"'))).toBeUndefined();
  });

  it('answers 412 for stale tags and for weak tags naming the current ETag', () => {
    expect(problemOf(() => assertIfMatch({ strong: ['"2"'], weak: [] }, '"3"'))?.code).toBe('precondition_failed');
    expect(problemOf(() => assertIfMatch({ strong: [], weak: ['"3"'] }, '"3"'))?.detail).toMatch(/Weak/);
  });
});
