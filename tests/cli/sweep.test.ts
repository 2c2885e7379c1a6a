import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resnet } from './run.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'resnet-cli-'));
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('resnet sweep', () => {
  it('runs a grid, writes the folder, prints the summary table and the report path', async () => {
    const out = tmp();
    const r = await resnet('sweep', '--depths', '5..10:5', '--seeds', '4', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^16 cells in [\d.]+ s: 16 computed in [\d.]+ s at [\d,]+ cells\/s; written to /);
    expect(r.stdout).toMatch(/First\/last gradient-norm ratio over seeds/);
    expect(r.stdout).toMatch(/^\s+5 {2}\S/m);
    expect(r.stdout).toMatch(new RegExp(`Report: ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/report.html`));
    expect(JSON.parse(read(out, 'manifest.json')).cellCount).toBe(16);
    expect(read(out, 'summary.csv').trim().split('\n')).toHaveLength(5);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(r.stderr).toMatch(/^report: writing figures and report\.html/m);
  });

  it('writes parseable JSON with --json and no report with --no-report', async () => {
    const out = tmp();
    const r = await resnet(
      'sweep',
      '--depths',
      '5,6',
      '--seeds',
      '3',
      '--archs',
      'residual',
      '--out',
      out,
      '--no-report',
      '--json',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.cellCount).toBe(6);
    expect(json.computed).toBe(6);
    expect(json.cellsPerSecond).toBeCloseTo(json.computed / json.computeSeconds, 6);
    expect(json.report).toBeNull();
    expect(json.summary).toHaveLength(2);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
  });

  it('takes --format as a comma list of parquet and jsonl (default parquet)', async () => {
    const both = await resnet(
      'sweep',
      '--depths',
      '5',
      '--seeds',
      '2',
      '--out',
      tmp(),
      '--no-report',
      '--json',
      '--format',
      'jsonl,parquet',
    );
    expect(both.code).toBe(0);
    expect(JSON.parse(both.stdout).formats).toEqual(['jsonl', 'parquet']);
    const dflt = await resnet('sweep', '--depths', '5', '--seeds', '2', '--out', tmp(), '--no-report', '--json');
    expect(JSON.parse(dflt.stdout).formats).toEqual(['parquet']);
  });

  it('says when every cell was already there', async () => {
    const out = tmp();
    const args = ['sweep', '--depths', '5,6', '--seeds', '2', '--out', out, '--no-report'];
    expect((await resnet(...args)).code).toBe(0);
    const again = await resnet(...args);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^All 8 cells were already in .*; nothing to compute\./);
  });
});
