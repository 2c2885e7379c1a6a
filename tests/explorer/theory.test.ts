import { describe, expect, it } from 'vitest';
import { GRID_DEFAULTS, gridFromFlags, runGridTask, seriesOf, theoryFor, type GridFlag } from '@resnet/explorer/model';
import { STAT_FIELDS, STAT_FIRST_GRAD, STAT_LAST_ACT, STAT_LAST_GRAD } from '@resnet/sweep/browser';

const SEEDS = 2000;

/** Mean and standard error of values. */
function meanSe(values: number[]): { mean: number; se: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const v = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, se: Math.sqrt(v / values.length) };
}

/** The page's theory lines of a one-curve grid, and per depth the cells' summary values over SEEDS seeds. */
function measure(flags: Partial<Record<GridFlag, string>>) {
  const pg = gridFromFlags({ ...GRID_DEFAULTS, depths: '2,5,10', seeds: String(SEEDS), ...flags });
  const G = pg.layout.groupCount;
  const { stats } = runGridTask({
    kind: 'grid',
    job: 1,
    grid: pg.grid,
    from: 0,
    to: SEEDS,
    stats: true,
    profileDepth: null,
  });
  const [series] = seriesOf(pg.layout);
  const column = (g: number, field: number) =>
    Array.from({ length: SEEDS }, (_, s) => stats![(s * G + g) * STAT_FIELDS + field]!);
  return { series: series!, theory: theoryFor(pg.layout, series!), column };
}

// Each law is for a mean of squares at initialisation: the cells' mean must lie within 4 standard errors of it
// (a rule fixed here, before looking; the seeds are fixed, so the check is deterministic).
describe('the theory lines over the output-norm plot agree with the cells they are drawn over', () => {
  it.each([
    ['plain, He (prediction 1)', { archs: 'plain' }, /prediction 1:/],
    ['plain, σ_w² = 1.6 (prediction 1)', { archs: 'plain', 'sigma-w2': '1.6' }, /prediction 1:/],
    ['plain, linear output', { archs: 'plain', 'output-activations': 'linear' }, /prediction 1:/],
    [
      'preact, linear input, η = 0.5 (prediction 4)',
      { archs: 'residual', blocks: 'preact', 'input-activations': 'linear', 'branch-scale': '0.5' },
      /prediction 4:/,
    ],
    [
      'preact, η = 1/sqrt(blocks) (prediction 4)',
      { archs: 'residual', blocks: 'preact', 'input-activations': 'linear', 'branch-scale': '1/sqrt(blocks)' },
      /prediction 4:/,
    ],
    [
      'zero branch, λ = 0.9 (prediction 2)',
      { archs: 'residual', 'branch-scale': '0', 'shortcut-scale': '0.9' },
      /prediction 2:/,
    ],
    [
      'zero branch, λ = 1 (prediction 3)',
      { archs: 'residual', 'branch-scale': '0', blocks: 'preact' },
      /prediction 3:/,
    ],
    ['the notebook’s block (mean-field)', { archs: 'residual' }, /prediction 4d:/],
  ] as const)('%s', (_name, flags, law) => {
    const { series, theory, column } = measure(flags);
    const line = theory.lines.find((l) => l.view === 'act')!;
    expect(line.name).toMatch(law);
    series.groups.forEach((g, k) => {
      const { mean, se } = meanSe(column(g, STAT_LAST_ACT).map((v) => v * v));
      expect(
        Math.abs(mean - line.values[k]! ** 2),
        `depth ${k}: ${mean} ± ${se} vs ${line.values[k]! ** 2}`,
      ).toBeLessThan(4 * se);
    });
  });

  it('a wrong law would be caught: the preact law with a ReLU input projection is off, and the page draws none', () => {
    const relu = measure({ archs: 'residual', blocks: 'preact', 'branch-scale': '0.5' });
    expect(relu.theory.lines).toEqual([]);
    expect(relu.theory.notes.join(' ')).toMatch(/zero-mean stream: set the input activation to linear/);
    const linear = measure({
      archs: 'residual',
      blocks: 'preact',
      'input-activations': 'linear',
      'branch-scale': '0.5',
    });
    // The law at B = 10 for the ReLU input's stream, which starts at half the energy of the linear one's.
    const law = 0.5 * linear.theory.lines[0]!.values.at(-1)! ** 2;
    const { mean, se } = meanSe(relu.column(relu.series.groups.at(-1)!, STAT_LAST_ACT).map((v) => v * v));
    // A non-negative stream grows faster than (1 + η²) per block: the cells miss the law by far more than 4 SE.
    expect(mean - law).toBeGreaterThan(10 * se);
  });

  it('prediction 1c on the ratio plot: mean ||dW_first||² = mean ||dW_last||² for He weights and a zero-mean output gradient', () => {
    const { series, theory, column } = measure({ archs: 'plain', dout: 'normal', 'output-activations': 'linear' });
    const line = theory.lines.find((l) => l.view === 'ratio')!;
    expect(line.name).toMatch(/prediction 1c/);
    series.groups.forEach((g) => {
      const first = meanSe(column(g, STAT_FIRST_GRAD).map((v) => v * v));
      const last = meanSe(column(g, STAT_LAST_GRAD).map((v) => v * v));
      const se = Math.hypot(first.se, last.se);
      expect(Math.abs(first.mean - last.mean), `${first.mean} vs ${last.mean} ± ${se}`).toBeLessThan(4 * se);
    });
    expect(measure({ archs: 'plain' }).theory.lines.map((l) => l.view)).toEqual(['act']); // the notebook's dout: no 1c line
  });
});
