import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, resnet } from './run.js';

const golden = (name: string) => readFileSync(resolve(repoRoot, 'tests/fixtures/golden', name), 'utf8');
/** The caveat `reproduce` adds to the notebook's one-seed claim, on the same line. */
const CAVEAT =
  / \(one seed; over seeds 0-99 at depth 10 this ratio's 5-95% range is ([\d.]+)x-([\d.]+)x: run `resnet sweep` for the distribution\)$/m;
/** Every number in a text, in order (digits with optional sign, decimals and exponent). */
const numbers = (text: string) => [...text.matchAll(/-?\d+(?:\.\d+)?(?:e[-+]\d+)?/g)].map((m) => Number(m[0]));

describe('resnet reproduce', () => {
  it("prints the notebook's numbers with the notebook's rounding (notebook_stdout.txt)", async () => {
    const r = await resnet('reproduce', '--no-figures');
    expect(r.code).toBe(0);
    expect(numbers(r.stdout.replace(CAVEAT, ''))).toEqual(numbers(golden('notebook_stdout.txt')));
    expect(r.stdout).toMatch(/Gradient ratio \(first\/last\) - higher = worse gradient flow:/);
  });

  it("says on the notebook's one-seed line how that ratio spreads over 100 seeds (numpy golden grid)", async () => {
    const r = await resnet('reproduce', '--no-figures');
    const line = r.stdout.split('\n').find((l) => l.startsWith('ResNet keeps gradients flowing'))!;
    expect(line).toMatch(/^ResNet keeps gradients flowing 2\.0x better! \(one seed;/);
    const [, p5, p95] = line.match(CAVEAT)!;
    // The same statistic from the numpy reference cells: plain ratio / residual ratio at depth 10, seeds 0..99.
    const cells = JSON.parse(golden('golden_grid.json')).cells as {
      arch: string;
      depth: number;
      seed: number;
      ratio: number;
    }[];
    const ratio = (arch: string, seed: number) =>
      cells.find((c) => c.arch === arch && c.depth === 10 && c.seed === seed)!.ratio;
    const improvements = Array.from({ length: 100 }, (_, seed) => ratio('plain', seed) / ratio('residual', seed)).sort(
      (a, b) => a - b,
    );
    const quantile = (p: number) => {
      const h = (improvements.length - 1) * p;
      const lo = Math.floor(h);
      return (
        improvements[lo]! + (h - lo) * (improvements[Math.min(lo + 1, improvements.length - 1)]! - improvements[lo]!)
      );
    };
    expect(Number(p5)).toBe(Number(quantile(0.05).toPrecision(2)));
    expect(Number(p95)).toBe(Number(quantile(0.95).toPrecision(2)));
    const json = JSON.parse((await resnet('reproduce', '--no-figures', '--json')).stdout);
    expect(json.improvementOverSeeds.p5).toBeCloseTo(quantile(0.05), 9);
    expect(json.improvementOverSeeds.p95).toBeCloseTo(quantile(0.95), 9);
    expect(json.improvementOverSeeds.resnetBetter).toBe(improvements.filter((x) => x > 1).length);
  });

  it('prints every number to full precision with --precise (notebook_fullprec.txt within 1e-11)', async () => {
    const r = await resnet('reproduce', '--precise', '--no-figures');
    expect(r.code).toBe(0);
    const grads = (name: string, text: string) => numbers(text.match(new RegExp(`^${name} \\[(.*)\\]$`, 'm'))![1]);
    const full = golden('notebook_fullprec.txt');
    for (const name of ['plain_grads', 'resnet_grads']) {
      const got = grads(name, r.stdout);
      const want = grads(name, full);
      expect(got).toHaveLength(want.length);
      for (const [i, v] of got.entries()) expect(Math.abs(v - want[i]) / want[i]).toBeLessThan(1e-11);
    }
    const ratio = Number(r.stdout.match(/^Depth 40: plain=\s*(\S+),/m)![1]);
    expect(Math.abs(ratio - 3.0526075625841522) / 3.0526075625841522).toBeLessThan(1e-11);
  });

  it('gives machine-readable output with --json', async () => {
    const r = await resnet('reproduce', '--json', '--no-figures');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.plainGrads).toHaveLength(10);
    expect(out.depthScaling.map((d: { depth: number }) => d.depth)).toEqual([5, 10, 20, 30, 40]);
  });
});

describe('resnet patterns and identity', () => {
  it('prints patterns and parses as JSON', async () => {
    const text = await resnet('patterns', '--samples', '6', '--size', '5', '--no-figures');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Sample 0: class 0 \(horizontal\)/);
    const json = await resnet('patterns', '--samples', '6', '--size', '5', '--no-figures', '--json');
    const p = JSON.parse(json.stdout);
    expect(p.x).toHaveLength(6 * 25);
    expect(p.y).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('shows the identity error shrinking with the weight scale', async () => {
    const tiny = JSON.parse((await resnet('identity', '--json', '--no-figures')).stdout);
    const full = JSON.parse((await resnet('identity', '--json', '--no-figures', '--scale', '1')).stdout);
    expect(tiny.identityError).toBeLessThan(1e-4);
    expect(full.identityError).toBeGreaterThan(1000 * tiny.identityError);
  });
});
