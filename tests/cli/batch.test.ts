import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resnet } from './run.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'resnet-cli-batch-'));

describe('resnet sweep --batch', () => {
  it('runs every arch at each batch, labels the variants batch=n in the table, summary and report', async () => {
    const out = tmp();
    const r = await resnet('sweep', '--depths', '3,4', '--seeds', '2', '--batch', '1,4', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    // 2 archs x 2 batches x 2 depths x 2 seeds: batch applies to plain and residual nets alike.
    expect(r.stdout).toMatch(/^16 cells in /);
    expect(r.stdout).toMatch(/^plain\s+batch=4\s+4\s+\S/m);
    expect(r.stdout).toMatch(/^residual\s+batch=1\s+3\s+\S/m);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.grid.axes).toEqual({ batch: [1, 4] });
    expect(manifest.command).toContain('--batch 1,4');
    expect(readFileSync(join(out, 'summary.csv'), 'utf8').split('\n')[0]).toMatch(/^arch,batch,depth,count,/);
    expect(readFileSync(join(out, 'figures', 'ratio-depth-variants.svg'), 'utf8')).toContain('residual: batch=4');
  });

  it('gives the summary rows their batch with --json', async () => {
    const r = await resnet(
      'sweep',
      '--depths',
      '3',
      '--seeds',
      '1',
      '--archs',
      'plain',
      '--batch',
      '2,8',
      '--out',
      tmp(),
      '--no-report',
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(
      json.summary.map((s: { variant: string; axes: Record<string, string> }) => [s.variant, s.axes.batch]),
    ).toEqual([
      ['batch=2', '2'],
      ['batch=8', '8'],
    ]);
  });

  it.each([
    [['--batch', '0'], /^resnet: --batch: got 0; expected a non-empty comma-separated list of positive integers\.$/m],
    [['--batch', '1,x'], /^resnet: --batch: got "x"; expected .*positive integers/m],
    [['--batch', '1.5'], /^resnet: --batch: got "1\.5"; expected .*positive integers/m],
  ])('refuses %j naming the flag, before any work', async (args, message) => {
    const out = join(tmp(), 'never');
    const r = await resnet('sweep', '--depths', '10', '--seeds', '1', '--out', out, ...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });
});
