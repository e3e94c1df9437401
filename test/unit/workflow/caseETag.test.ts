import { caseETag, ifMatchAllows } from '../../../shared/workflow/caseETag';

describe('caseETag', () => {
  it('is the version in double quotes', () => {
    expect(caseETag(7)).toBe('"7"');
  });
});

describe('ifMatchAllows', () => {
  it('lets a change without If-Match go ahead', () => {
    expect(ifMatchAllows(null, 3)).toBe(true);
  });

  it('lets a change naming the current tag, or any tag, go ahead', () => {
    expect(ifMatchAllows('"3"', 3)).toBe(true);
    expect(ifMatchAllows('"1", "3"', 3)).toBe(true);
    expect(ifMatchAllows('*', 3)).toBe(true);
  });

  it('stops a change based on an older version', () => {
    expect(ifMatchAllows('"2"', 3)).toBe(false);
  });

  it('never matches a weak tag', () => {
    expect(ifMatchAllows('W/"3"', 3)).toBe(false);
  });
});
