import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resnet } from './run.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'resnet-cli-axes-'));

describe('resnet sweep with variant axes', () => {
  it("runs the issue's example (a product of blocks and branch scales), prints the variant table, writes the report", async () => {
    const out = tmp();
    const r = await resnet(
      'sweep',
      '--depths',
      '5..6',
      '--seeds',
      '2',
      '--blocks',
      'notebook,preact',
      '--branch-scale',
      '1,1/sqrt(depth)',
      '--out',
      out,
    );
    expect(r.code, r.stderr).toBe(0);
    // Plain nets take none of these residual-only axes: 2 depths x 2 seeds plain, 4 variants x 2 x 2 residual.
    expect(r.stdout).toMatch(/^20 cells in /);
    expect(r.stdout).toMatch(/^plain\s+5\s+\S/m);
    expect(r.stdout).toMatch(/per variant/);
    expect(r.stdout).toMatch(/^residual\s+preact, eta=1\/sqrt\(depth\)\s+6\s+\S/m);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.grid.axes).toEqual({ block: ['notebook', 'preact'], branchScale: [1, '1/sqrt(depth)'] });
    expect(manifest.command).toContain("--branch-scale '1,1/sqrt(depth)'");
    // The report loads the folder and draws the ratio per variant.
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(readFileSync(join(out, 'figures', 'ratio-depth-variants.svg'), 'utf8')).toContain(
      'residual: preact, eta=1/sqrt(depth)',
    );
  });

  it('with many variants prints one line per variant at its deepest depth and where the full table is, not every row', async () => {
    const out = tmp();
    const r = await resnet(
      'sweep',
      '--depths',
      '2,3',
      '--seeds',
      '2',
      '--blocks',
      'notebook,preact,original',
      '--branch-scale',
      '0,1',
      '--input-activations',
      'relu,linear',
      '--no-report',
      '--out',
      out,
    );
    expect(r.code, r.stderr).toBe(0);
    // 2 plain rows and 12 residual variants x 2 depths: 26 rows in summary.csv, 13 lines printed.
    expect(r.stdout).toContain(`at each variant's deepest depth`);
    expect(r.stdout).toContain(`26 rows, every depth: ${join(out, 'summary.csv')}`);
    expect(r.stdout.split('\n').filter((l) => /^residual\s+\S.*\s3\s+\S/.test(l))).toHaveLength(12);
    expect(r.stdout.split('\n').filter((l) => /^residual\s+\S.*\s2\s+\S/.test(l))).toHaveLength(0);
  });

  it('gives the summary rows their axis values and labels with --json; expressions with commas survive summary.csv', async () => {
    const out = tmp();
    const r = await resnet(
      'sweep',
      '--depths',
      '4,16',
      '--seeds',
      '2',
      '--archs',
      'residual',
      '--shortcut-scale',
      'max(0.5, 1/depth),1',
      '--dout',
      'ones,normal',
      '--widths',
      '8,16',
      '--out',
      out,
      '--no-report',
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.cellCount).toBe(2 * 2 * 2 * 2 * 2); // 2 scales x 2 douts x 2 widths x 2 depths x 2 seeds
    expect(json.summary).toHaveLength(16);
    expect(json.summary[0]).toMatchObject({
      arch: 'residual',
      depth: 4,
      axes: { shortcutScale: '0.5', shortcutScaleExpr: 'max(0.5, 1/depth)', width: '8', dout: 'ones' },
    });
    expect(json.summary[0].variant).toBe('lambda=max(0.5, 1/depth), width=8, dout=ones');
    expect(readFileSync(join(out, 'summary.csv'), 'utf8').split('\n')[1]).toMatch(
      /^residual,0\.5,"max\(0\.5, 1\/depth\)",8,ones,4,2,/,
    );
  });

  it('keeps --width working (hidden width and input size) and takes --depth-unit layers', async () => {
    const out = tmp();
    const r = await resnet(
      'sweep',
      '--depths',
      '6,8',
      '--seeds',
      '1',
      '--width',
      '8',
      '--depth-unit',
      'layers',
      '--out',
      out,
      '--no-report',
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.grid).toMatchObject({ width: 8, inputSize: 8, axes: { depthUnit: 'layers' } });
    const cells = JSON.parse(r.stdout).summary.map((s: { arch: string; depth: number }) => `${s.arch} ${s.depth}`);
    expect(cells).toEqual(['plain 6', 'plain 8', 'residual 6', 'residual 8']);
  });

  it("takes per-position expressions: --branch-scale '1/sqrt(block)' and --sigma-w2 '2+0.1*layer'", async () => {
    const out = tmp();
    const r = await resnet(
      'sweep',
      '--depths',
      '3',
      '--seeds',
      '1',
      '--archs',
      'residual',
      '--branch-scale',
      '1/sqrt(block)',
      '--sigma-w2',
      '2+0.1*layer',
      '--out',
      out,
      '--no-report',
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.grid.axes).toEqual({ sigmaW2: ['2+0.1*layer'], branchScale: ['1/sqrt(block)'] });
    expect(JSON.parse(r.stdout).summary[0]).toMatchObject({
      axes: { sigmaW2: 'NaN', sigmaW2Expr: '2+0.1*layer', branchScale: 'NaN', branchScaleExpr: '1/sqrt(block)' },
    });
  });

  it("resnet report prints the Variants section's agreement table, and --json carries its rows", async () => {
    const out = tmp();
    const s = await resnet(
      'sweep',
      '--archs',
      'residual',
      '--depths',
      '2,3',
      '--seeds',
      '20',
      '--blocks',
      'preact',
      '--input-activations',
      'linear',
      '--branch-scale',
      '1/sqrt(depth)',
      '--out',
      out,
      '--no-report',
    );
    expect(s.code, s.stderr).toBe(0);
    const r = await resnet('report', out);
    expect(r.code, r.stderr).toBe(0);
    // `resnet theory`'s table: the check's id and law, what is measured, then one line per variant and its reason.
    expect(r.stdout).toMatch(/Agreement with theory, per variant:\n4a {2}pre-activation blocks, zero-mean stream/);
    expect(r.stdout).toMatch(
      /^ {4}residual: preact, in=linear, eta=1\/sqrt\(depth\), B = 3, η = 0\.5774\s+2\.37\s+\S+ \[\S+, \S+\]\s+20\s+inconclusive$/m,
    );
    expect(r.stdout).toMatch(/^ {6}a few seeds carry the mean .*: about [\d,]+ seeds would decide it$/m);
    const j = await resnet('report', out, '--json');
    expect(j.code, j.stderr).toBe(0);
    const json = JSON.parse(j.stdout);
    expect(json.variants.rows).toHaveLength(1);
    expect(json.variants.rows[0]).toMatchObject({
      id: '4a',
      prediction: 4,
      verdict: 'inconclusive',
      arch: 'residual',
      variant: 'preact, in=linear, eta=1/sqrt(depth)',
      depth: 3,
    });
    expect(json.variants.rows[0].predicted).toBeCloseTo((1 + 1 / 3) ** 3, 12);
    expect(json.variants.table).toBe(
      r.stdout.split('Agreement with theory, per variant:\n')[1]!.split('\n\n(')[0]!.trimEnd(),
    );
  });

  it.each([
    [
      ['--blocks', 'notebook,bottleneck'],
      /^resnet: --blocks: got "bottleneck"; expected a non-empty comma-separated list of notebook, original, preact\.$/m,
    ],
    [
      ['--branch-scale', '1,1/sqrt(dept)'],
      /^resnet: --branch-scale: got "1\/sqrt\(dept\)"; .*The symbol "dept" is not allowed\.$/m,
    ],
    [['--sigma-w2', 'exp(depth'], /^resnet: --sigma-w2: got "exp\(depth"; .*does not parse/m],
    [
      ['--sigma-w2', '2-depth/4'],
      /^resnet: --sigma-w2: got "2-depth\/4"; expected an expression with a finite value >= 0 at every cell\. At plain depth 10 /m,
    ],
    [
      ['--branch-scale', '1/sqrt(layer)'],
      /^resnet: --branch-scale: got "1\/sqrt\(layer\)"; .*The symbol "layer" .* is not allowed in --branch-scale/m,
    ],
    [
      ['--sigma-w2', '2+0.1*block'],
      /^resnet: --sigma-w2: got "2\+0\.1\*block"; .*The symbol "block" .* is not allowed in --sigma-w2/m,
    ],
    [['--inits', 'glorot'], /^resnet: --inits: got "glorot"; expected .*he, xavier, lecun, orthogonal/m],
    [['--activations', 'relu,,tanh'], /^resnet: --activations: got "relu,,tanh"; .*Item 2 is empty\.$/m],
    [['--widths', '16,0'], /^resnet: --widths: got 0; expected .*positive integers/m],
    [['--dout', 'zeros'], /^resnet: --dout: got "zeros"; expected .*ones, normal/m],
    [['--depth-unit', 'layer'], /^resnet: --depth-unit: got "layer"; expected one of native, layers, blocks\.$/m],
    [
      ['--depth-unit', 'layers', '--depths', '5,6'],
      /^resnet: --depths: got 5; expected depths that give a residual net in --depth-unit layers\./m,
    ],
  ])('refuses %j naming the flag, before any work', async (args, message) => {
    const out = join(tmp(), 'never');
    const r = await resnet('sweep', '--depths', '10', '--seeds', '1', '--out', out, ...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });
});
