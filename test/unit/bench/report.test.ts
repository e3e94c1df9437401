import { percentile, spreadOf, summarizeLatencies, wasMeasured } from '../../../bench/report';

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('gives the nearest-rank value of sorted values', () => {
    expect(percentile(hundred, 50)).toBe(50);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 99)).toBe(99);
    expect(percentile(hundred, 100)).toBe(100);
    expect(percentile([7, 9], 50)).toBe(7);
    expect(percentile([7, 9], 51)).toBe(9);
  });

  it('gives 0 for no values and the only value for one', () => {
    expect(percentile([], 99)).toBe(0);
    expect(percentile([4.2], 1)).toBe(4.2);
  });
});

describe('summarizeLatencies', () => {
  it('sorts the values itself and reports p50, p95, p99, max and mean', () => {
    const values = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(summarizeLatencies(values)).toEqual({ p50: 100, p95: 190, p99: 198, max: 200, mean: 100.5 });
  });

  it('reports zeros when nothing answered', () => {
    expect(summarizeLatencies([])).toEqual({ p50: 0, p95: 0, p99: 0, max: 0, mean: 0 });
  });
});

describe('spreadOf', () => {
  it('gives min, the lower median and max', () => {
    expect(spreadOf([30, 10, 20])).toEqual({ min: 10, median: 20, max: 30 });
    expect(spreadOf([4, 1, 3, 2])).toEqual({ min: 1, median: 2, max: 4 });
    expect(spreadOf([])).toEqual({ min: 0, median: 0, max: 0 });
  });
});

describe('wasMeasured', () => {
  it('tells a skipped scenario from a measured one', () => {
    expect(wasMeasured({ name: 'list-cases', title: 'list', skipped: 'not served' })).toBe(false);
  });
});
