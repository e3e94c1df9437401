import { alignTable, formatMegabytes, formatNumber, formatReport } from '../../../bench/format';
import type { BenchReport, MeasuredScenario } from '../../../bench/report';

function measured(overrides: Partial<MeasuredScenario> = {}): MeasuredScenario {
  return {
    name: 'get-case',
    title: 'GET /api/v1/cases/{id}',
    connections: 10,
    seconds: 10,
    requests: 12_345,
    requestsPerSecond: 1234.56,
    latencyMs: { p50: 7.04, p95: 15.55, p99: 31.2, max: 80, mean: 8 },
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    statuses: { '200': 12_345 },
    notes: [],
    ...overrides,
  };
}

function report(overrides: Partial<BenchReport> = {}): BenchReport {
  return {
    startedAt: '2026-12-03T09:00:00.000Z',
    finishedAt: '2026-12-03T09:01:00.000Z',
    machine: {
      cpus: 2,
      cpuModel: 'AMD EPYC',
      memoryBytes: 24 * 1024 ** 3,
      platform: 'linux',
      node: 'v22.23.3',
      loadAverage: { atStart: 0.52, atEnd: 2.04 },
    },
    options: { durationSeconds: 10, connections: 10, only: ['get-case'], logLevel: 'warn' },
    scenarios: [measured()],
    ...overrides,
  };
}

describe('formatNumber and formatMegabytes', () => {
  it('groups thousands and rounds to the digits asked for', () => {
    expect(formatNumber(1234.56, 1)).toBe('1,234.6');
    expect(formatNumber(12_345)).toBe('12,345');
    expect(formatNumber(0.04, 1)).toBe('0.0');
  });

  it('prints bytes as mebibytes with one decimal', () => {
    expect(formatMegabytes(150 * 1024 * 1024)).toBe('150.0 MB');
  });
});

describe('alignTable', () => {
  it('left-aligns the first column, right-aligns the rest, and lets short rows run on', () => {
    const lines = alignTable([
      ['scenario', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'requests', 'errors', 'non-2xx'],
      ['health', '10,000.0', '1.0', '2.0', '3.0', '100,000', '0', '0'],
      ['list-cases', 'skipped: not served'],
    ]);
    expect(lines).toEqual([
      'scenario       req/s  p50 ms  p95 ms  p99 ms  requests  errors  non-2xx',
      'health      10,000.0     1.0     2.0     3.0   100,000       0        0',
      'list-cases  skipped: not served',
    ]);
  });
});

describe('formatReport', () => {
  it('prints the machine, the options and one row per scenario with req/s, percentiles and failures', () => {
    const text = formatReport(report());
    const lines = text.split('\n');
    expect(lines[0]).toBe('2 x AMD EPYC, Node v22.23.3, load average 0.5 -> 2.0; 10 connections, 10 s per scenario');
    expect(lines[2]).toMatch(/^scenario\s+req\/s\s+p50 ms\s+p95 ms\s+p99 ms\s+requests\s+errors\s+non-2xx$/);
    expect(lines[3]?.split(/\s+/)).toEqual(['get-case', '1,234.6', '7.0', '15.6', '31.2', '12,345', '0', '0']);
  });

  it('prints a skipped scenario with its reason and the notes of measured ones', () => {
    const notes = ['non-2xx answers: 3 x 503'];
    const scenarios = [measured({ non2xx: 3, notes }), { name: 'list-cases', title: 'list', skipped: 'not served' }];
    const text = formatReport(report({ scenarios }));
    expect(text).toContain('list-cases  skipped: not served');
    expect(text).toContain('notes:\n  get-case: non-2xx answers: 3 x 503');
  });

  it('adds the cold start, time to health and memory lines when they were measured', () => {
    const coldStart = {
      runs: 3,
      loadAppMs: { min: 480, median: 510.4, max: 700 },
      processToLoadedMs: { min: 500, median: 530, max: 720 },
      rssBytes: 100 * 1024 * 1024,
      functions: 15,
      perModuleMs: {},
    };
    const devhost = {
      timeToHealthMs: 2400,
      rssAfterStartBytes: 150 * 1024 * 1024,
      rssAfterLoadBytes: 180 * 1024 * 1024,
      peakRssBytes: 190 * 1024 * 1024,
    };
    const text = formatReport(report({ coldStart, devhost }));
    expect(text).toContain(
      'cold start: loadApp 510 ms (median of 3, 480-700), 530 ms from process start, 15 functions, RSS 100.0 MB',
    );
    expect(text).toContain('devhost: first 200 from /api/v1/health 2,400 ms after spawn (incl. migrations)');
    expect(text).toContain('memory: devhost RSS 150.0 MB once healthy, 180.0 MB after the load tests, peak 190.0 MB');
  });
});
