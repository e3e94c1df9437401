import { probeFigures, probeLine, type ProbeFigures } from '../../../bench/coldStartFigures';

const figures: ProbeFigures = { loadAppMs: 512.5, processToLoadedMs: 540, functions: 15, rssBytes: 104_857_600 };

describe('probeFigures', () => {
  it('reads the marked line back, whatever the app logged around it', () => {
    const stdout = `{"level":"warn","message":"coordination is in-process"}\n${probeLine(figures)}`;
    expect(probeFigures(stdout)).toEqual(figures);
  });

  it('fails with the output when the probe printed no figures', () => {
    expect(() => probeFigures('Error: Loading functions/cases.js failed\n')).toThrow(
      /printed no figures[\s\S]*cases\.js/,
    );
  });
});
