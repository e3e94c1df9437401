import {
  BenchUsageError,
  DEFAULT_CONNECTIONS,
  DEFAULT_DURATION_SECONDS,
  parseBenchArgs,
  usage,
} from '../../../bench/args';

const KNOWN = ['cold-start', 'health', 'get-case', 'open-case'];

describe('parseBenchArgs', () => {
  it('runs every scenario for the default duration and connections when given no flags', () => {
    expect(parseBenchArgs([], KNOWN)).toEqual({
      durationSeconds: DEFAULT_DURATION_SECONDS,
      connections: DEFAULT_CONNECTIONS,
      only: KNOWN,
      help: false,
    });
  });

  it('takes --duration (fractions allowed) and --connections in either flag form', () => {
    const options = parseBenchArgs(['--duration', '2.5', '--connections=4'], KNOWN);
    expect(options.durationSeconds).toBe(2.5);
    expect(options.connections).toBe(4);
  });

  it('keeps the known run order for --only, whatever order the names come in', () => {
    expect(parseBenchArgs(['--only', 'open-case, health'], KNOWN).only).toEqual(['health', 'open-case']);
    expect(parseBenchArgs(['--only=get-case'], KNOWN).only).toEqual(['get-case']);
  });

  it('refuses an unknown scenario and lists the known ones', () => {
    expect(() => parseBenchArgs(['--only', 'health,lists'], KNOWN)).toThrow(
      new BenchUsageError('--only: unknown scenario "lists"; choose from cold-start, health, get-case, open-case'),
    );
    expect(() => parseBenchArgs(['--only', ' , '], KNOWN)).toThrow(/no scenario named/);
  });

  it.each([
    ['--duration', '0'],
    ['--duration', '-3'],
    ['--duration', 'ten'],
    ['--duration', '601'],
    ['--connections', '2.5'],
    ['--connections', '0'],
    ['--connections', ''],
  ])('refuses %s %j', (flag, value) => {
    expect(() => parseBenchArgs([flag, value], KNOWN)).toThrow(BenchUsageError);
  });

  it('refuses unknown flags and stray arguments as usage errors', () => {
    expect(() => parseBenchArgs(['--rate', '5'], KNOWN)).toThrow(BenchUsageError);
    expect(() => parseBenchArgs(['health'], KNOWN)).toThrow(BenchUsageError);
  });

  it('recognises --help and -h', () => {
    expect(parseBenchArgs(['--help'], KNOWN).help).toBe(true);
    expect(parseBenchArgs(['-h'], KNOWN).help).toBe(true);
  });
});

describe('usage', () => {
  it('names every flag and every scenario --only accepts', () => {
    const text = usage(KNOWN);
    for (const flag of ['--duration', '--connections', '--only', '--help']) expect(text).toContain(flag);
    expect(text).toContain('cold-start, health, get-case, open-case');
  });
});
